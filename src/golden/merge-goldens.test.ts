import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseGolden, serializeGolden } from "./golden-file";
import { runMergeDriver } from "./merge-driver";
import { mergeGoldens } from "./merge-goldens";

const golden = (entries: Record<string, number>) =>
  serializeGolden(new Map(Object.entries(entries).map(([key, value]) => [key, `{ "value": ${value} }`])));
const values = (text: string) =>
  Object.fromEntries([...parseGolden(text, "x.snap")].map(([key, body]) => [key, JSON.parse(body).value]));

describe("mergeGoldens", () => {
  const base = golden({ a: 1, b: 2, c: 3 });

  test("entries changed on one side each take that side, whichever it is", () => {
    const { text, conflicts } = mergeGoldens(
      base,
      golden({ a: 10, b: 2, c: 3 }),
      golden({ a: 1, b: 20, c: 3 }),
      "x.snap",
    );
    expect(conflicts).toEqual([]);
    expect(values(text)).toEqual({ a: 10, b: 20, c: 3 });
  });

  test("additions and removals on either side are kept; the same change on both sides is no conflict", () => {
    const ours = golden({ a: 5, b: 2, c: 3, "range 10": 7 });
    const theirs = golden({ a: 5, c: 3, "range 2": 8 });
    const { text, conflicts } = mergeGoldens(base, ours, theirs, "x.snap");
    expect(conflicts).toEqual([]);
    expect(values(text)).toEqual({ a: 5, c: 3, "range 2": 8, "range 10": 7 });
    expect([...parseGolden(text, "x.snap").keys()]).toEqual(["a", "c", "range 2", "range 10"]); // as the runner writes them
  });

  test("an entry both sides changed, each its own way, keeps both between markers, which npm test refuses by name", () => {
    const ours = golden({ a: 10, b: 2, c: 30 });
    const theirs = golden({ a: 11, b: 22, c: 3 });
    const { text, conflicts } = mergeGoldens(base, ours, theirs, "x.snap");
    expect(conflicts).toEqual(["a"]);
    expect(text).toContain('<<<<<<< ours\n{ "value": 10 }\n=======\n{ "value": 11 }\n>>>>>>> theirs');
    expect(() => parseGolden(text, "x.snap")).toThrow(/a merge conflict inside the entry for "a"/);
    const rest = text.replace(/exports\[`a`\][^;]*;\n\n/s, "");
    expect(values(rest)).toEqual({ b: 22, c: 30 });
  });

  test("an entry removed on one side and changed on the other is a conflict that says which", () => {
    const { text, conflicts } = mergeGoldens(base, golden({ b: 2, c: 3 }), golden({ a: 9, b: 2, c: 3 }), "x.snap");
    expect(conflicts).toEqual(["a"]);
    expect(text).toContain('<<<<<<< ours\n(removed on this branch)\n=======\n{ "value": 9 }\n>>>>>>> theirs');
  });
});

describe("bin/golden-merge-driver in a git merge", () => {
  const driver = resolve(__dirname, "../../bin/golden-merge-driver");
  let repo: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), "golden-merge-"));
    git("init", "-q", "-b", "main");
    git("config", "user.email", "t@example.com");
    git("config", "user.name", "t");
    git("config", "merge.golden.driver", `${driver} %O %A %B %P`);
    writeFileSync(join(repo, ".gitattributes"), readFileSync(resolve(__dirname, "../../.gitattributes")));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  /** Commits `base` on main, `ours` on main after it and `theirs` on a branch from `base`, then merges the branch. */
  function merge(base: string, ours: string, theirs: string) {
    const path = join(repo, "__golden__", "x.snap");
    mkdirSync(join(repo, "__golden__"), { recursive: true });
    git("checkout", "-q", "-B", "main");
    writeFileSync(path, base);
    git("add", "-A");
    git("commit", "-q", "-m", "base", "--allow-empty");
    git("checkout", "-q", "-B", "theirs");
    writeFileSync(path, theirs);
    git("commit", "-q", "-am", "theirs");
    git("checkout", "-q", "main");
    writeFileSync(path, ours);
    git("commit", "-q", "-am", "ours");
    const result = spawnSync("git", ["merge", "-q", "--no-edit", "theirs"], { cwd: repo, encoding: "utf8" });
    const text = readFileSync(path, "utf8");
    spawnSync("git", ["merge", "--abort"], { cwd: repo });
    git("reset", "-q", "--hard");
    return { status: result.status, output: result.stdout + result.stderr, text };
  }

  // One merge, for the price of starting the driver once: git's line merge would conflict on both
  // the queries each branch added (both insert between a and z) and on a.
  test("an entry both changed conflicts alone; a query added on each branch merges; the driver says what to run", () => {
    const base = golden({ a: 1, z: 26 });
    const [ours, theirs] = [golden({ a: 10, m: 13, z: 26 }), golden({ a: 11, n: 14, z: 26 })];
    const { status, output, text } = merge(base, ours, theirs);
    expect(status).not.toBe(0);
    expect(output).toContain('__golden__/x.snap: both branches changed "a", each its own way');
    expect(output).toContain("npm run update-goldens -- cases/x.case.ts");
    expect(text).toContain('<<<<<<< ours\n{ "value": 10 }\n=======\n{ "value": 11 }\n>>>>>>> theirs');
    expect(values(text.replace(/exports\[`a`\][^;]*;\n\n/s, ""))).toEqual({ m: 13, n: 14, z: 26 });
  });
});

describe("runMergeDriver", () => {
  test("called without git's four arguments, it says how to configure it", () => {
    expect(() => runMergeDriver(["a", "b"])).toThrow(
      'got 2. Configure it with: git config merge.golden.driver "bin/golden-merge-driver %O %A %B %P"',
    );
  });

  test("a clean merge is written over git's %A file, exit code 0", () => {
    withSides(golden({ a: 1, z: 26 }), golden({ a: 1, m: 13, z: 26 }), golden({ a: 1, n: 14, z: 26 }), (o, a, b) => {
      expect(runMergeDriver([o, a, b, "__golden__/x.snap"])).toEqual({ code: 0 });
      expect(values(readFileSync(a, "utf8"))).toEqual({ a: 1, m: 13, n: 14, z: 26 });
    });
  });

  test("without the project's packages (a worktree before npm ci), bin/golden-merge-driver merges line by line", () => {
    withSides(golden({ a: 1, b: 2 }), golden({ a: 10, b: 2 }), golden({ a: 1, b: 20 }), (o, a, b) => {
      const copy = join(dirname(o), "project");
      mkdirSync(join(copy, "bin"), { recursive: true });
      copyFileSync(resolve(__dirname, "../../bin/golden-merge-driver"), join(copy, "bin/golden-merge-driver"));
      const run = spawnSync(join(copy, "bin/golden-merge-driver"), [o, a, b, "__golden__/x.snap"], {
        encoding: "utf8",
      });
      expect(run.stderr).toContain(
        "the project's packages are not installed (npm ci): merging __golden__/x.snap line by line",
      );
      expect(run.status).toBe(0); // entries far enough apart for git's line merge
      expect(values(readFileSync(a, "utf8"))).toEqual({ a: 10, b: 20 });
    });
  });

  test("a side that is not a golden file any more is merged line by line, saying why", () => {
    withSides(golden({ a: 1 }), `${golden({ a: 2 })}stray text\n`, golden({ a: 3 }), (o, a, b) => {
      const { code, message } = runMergeDriver([o, a, b, "__golden__/x.snap"]);
      expect(code).toBe(1);
      expect(message).toMatch(/not a golden entry: "stray text"[^]*Merged __golden__\/x\.snap line by line instead/);
      expect(readFileSync(a, "utf8")).toContain("<<<<<<< ours");
    });
  });
});

/** The three files git hands a merge driver (%O %A %B), in a temp dir removed after `body`. */
function withSides(base: string, ours: string, theirs: string, body: (o: string, a: string, b: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), "golden-merge-driver-"));
  try {
    const [o, a, b] = ["o", "a", "b"].map((n) => join(dir, n)) as [string, string, string];
    writeFileSync(o, base);
    writeFileSync(a, ours);
    writeFileSync(b, theirs);
    body(o, a, b);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
