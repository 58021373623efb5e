import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GoldenFileError, parseGolden, serializeGolden } from "./golden-file";
import { CandidateFile, goldenFingerprint } from "./candidate-file";
import { GoldenState } from "./golden-state";

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "golden-state-"));
  path = join(dir, "x.snap");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The golden body of answer(1, 2), as the store writes it. */
const GOLDEN_Q = '{ "data": { "m": [{ "timestamp": "ts(0)", "p99": 1, "count": 2 }] } }';
const answer = (p99: number, count: number) => ({ data: { m: [{ timestamp: "ts(0)", p99, count }] } });
const goldenWith = (entries: Record<string, string>) =>
  writeFileSync(path, serializeGolden(new Map(Object.entries(entries))));
const read = () => readFileSync(path, "utf8");

/** Runs `body` with a fresh golden-state module whose loading of prettier is noted in `loaded`. */
async function withPrettierWatched(
  body: (Isolated: typeof GoldenState, loaded: string[]) => Promise<void>,
): Promise<void> {
  const loaded: string[] = [];
  await jest.isolateModulesAsync(async () => {
    jest.doMock("prettier/standalone", () => {
      loaded.push("prettier/standalone");
      return jest.requireActual("prettier/standalone");
    });
    const { GoldenState: Isolated } = await import("./golden-state");
    await body(Isolated, loaded);
  });
}
const candidatePath = () => join(dir, ".pending", "x.snap");
const candidates = () =>
  existsSync(candidatePath()) ? parseGolden(readFileSync(candidatePath(), "utf8"), candidatePath()) : undefined;

describe("one golden file's run", () => {
  test("a missing golden is written by a run that may write, and only reported by one that may not", async () => {
    const check = GoldenState.open(path, "none");
    expect(await check.match("q", answer(1, 2), undefined)).toEqual({ status: "missing", differences: [] });
    check.save(["q"]);
    expect(check.record()).toEqual({ goldenFile: path, queries: { q: "missing" }, obsolete: [], removed: [] });
    expect(existsSync(path)).toBe(false);

    const local = GoldenState.open(path, "new");
    expect(await local.match("q", answer(1, 2), undefined)).toEqual({ status: "written", differences: [] });
    local.save(["q"]);
    expect(read()).toContain(
      'exports[`q`] = `\n{ "data": { "m": [{ "timestamp": "ts(0)", "p99": 1, "count": 2 }] } }\n`;',
    );
  });

  test("within tolerance the golden's own value is kept, so neither a check nor an update changes a byte", async () => {
    goldenWith({ q: GOLDEN_Q });
    const before = read();
    const update = GoldenState.open(path, "all");
    expect((await update.match("q", answer(1.005, 2), undefined)).status).toBe("kept-within-tolerance");
    update.save(["q"]);
    expect(read()).toBe(before);
  });

  test("beyond tolerance it is a mismatch, or in an update the entry is rewritten", async () => {
    goldenWith({ q: GOLDEN_Q });
    const check = GoldenState.open(path, "new");
    expect(await check.match("q", answer(1, 3), undefined)).toEqual({
      status: "mismatch",
      differences: [{ path: "m[0].count", golden: 2, actual: 3, difference: 1 }],
      golden: answer(1, 2),
    });
    check.save(["q"]);
    expect(read()).toContain('"count": 2');

    const update = GoldenState.open(path, "all");
    expect((await update.match("q", answer(1, 3), undefined)).status).toBe("updated");
    update.save(["q"]);
    expect(update.record().queries).toEqual({ q: "updated" });
    expect(read()).toContain('"count": 3');
  });

  test("a query's tolerance widens what is kept", async () => {
    goldenWith({ q: GOLDEN_Q });
    const check = GoldenState.open(path, "none");
    expect((await check.match("q", answer(1, 3), { "m[*].count": { abs: 1 } })).status).toBe("kept-within-tolerance");
  });

  test("goldens are compared as values: another layout or key order of the same values is unchanged", async () => {
    goldenWith({ q: '{\n  "data": {\n    "m": [{ "count": 2, "p99": 1, "timestamp": "ts(0)" }]\n  }\n}' });
    const before = read();
    const update = GoldenState.open(path, "all");
    expect((await update.match("q", answer(1, 2), undefined)).status).toBe("unchanged");
    update.save(["q"]);
    expect(read()).toBe(before);
  });

  test("a run that only compares never loads prettier; a write does", async () => {
    goldenWith({ q: GOLDEN_Q });
    await withPrettierWatched(async (Isolated, loaded) => {
      const check = Isolated.open(path, "none");
      expect((await check.match("q", answer(1, 2), undefined)).status).toBe("unchanged");
      expect((await check.match("q", answer(1, 5), undefined)).status).toBe("mismatch");
      expect(loaded).toEqual([]);
      const local = Isolated.open(path, "new");
      expect((await local.match("new", answer(1, 2), undefined)).status).toBe("written");
      expect(loaded).toEqual(["prettier/standalone"]);
    });
  });

  test("a golden that is not JSON any more differs as a whole", async () => {
    goldenWith({ q: "{ broken" });
    const outcome = await GoldenState.open(path, "none").match("q", answer(1, 2), undefined);
    expect(outcome.status).toBe("mismatch");
    expect(outcome.differences).toEqual([{ path: "", golden: "{ broken", actual: answer(1, 2) }]);
  });

  test("a file that cannot be parsed fails a check, and an update starts it afresh", async () => {
    goldenWith({ q: "{}" });
    writeFileSync(path, read() + "<<<<<<< HEAD\n");
    expect(() => GoldenState.open(path, "none")).toThrow(GoldenFileError);
    expect(() => GoldenState.open(path, "new")).toThrow(GoldenFileError);
    const update = GoldenState.open(path, "all");
    expect((await update.match("q", answer(1, 2), undefined)).status).toBe("written");
    update.save(["q"]);
    expect(read()).not.toContain("<<<<<<<");
  });

  test("an update whose queries all fail leaves an unreadable file as it was, instead of removing it", async () => {
    goldenWith({ q: "{}" });
    writeFileSync(path, read() + "<<<<<<< HEAD\n");
    const before = read();
    const update = GoldenState.open(path, "all");
    update.begin("q"); // the backend failed: no match
    update.save(["q"]);
    expect(read()).toBe(before);
    expect(update.record()).toMatchObject({ queries: { q: "error" }, removed: [] });
  });

  test("entries no declared query produces are reported, and removed only by an update", async () => {
    goldenWith({ q: "{}", gone: "{}" });
    const local = GoldenState.open(path, "new");
    local.save(["q"]);
    expect(local.record()).toMatchObject({ obsolete: ["gone"], removed: [] });
    expect(read()).toContain("gone");
    const update = GoldenState.open(path, "all");
    update.save(["q"]);
    expect(update.record()).toMatchObject({ obsolete: [], removed: ["gone"] });
    expect(read()).not.toContain("gone");
  });

  test("a query that never reached its comparison counts as failed", () => {
    const state = GoldenState.open(path, "none");
    state.begin("q");
    state.save(["q"]);
    expect(state.record().queries).toEqual({ q: "error" });
  });

  test("a file that cannot be written fails the queries it would have written, saying why", async () => {
    const state = GoldenState.open(path, "new");
    expect((await state.match("q", answer(1, 2), undefined)).status).toBe("written");
    mkdirSync(path); // a directory where the file should be: the rename fails as a read-only folder would
    expect(() => state.save(["q"])).toThrow(
      new RegExp(`^${path}: cannot be written \\(\\w+\\), so 1 golden\\(s\\) of this case were not saved: q\\. Make`),
    );
    expect(state.record().queries).toEqual({ q: "error" });
  });
});

describe("candidates: answers a run may not write, kept beside the golden for review", () => {
  test("a change beyond tolerance in a run that may not write it is kept as a candidate, never in the golden", async () => {
    goldenWith({ q: GOLDEN_Q });
    const before = read();
    for (const mode of ["none", "new"] as const) {
      const state = GoldenState.open(path, mode);
      expect((await state.match("q", answer(1.005, 3), undefined)).status).toBe("mismatch");
      expect(state.candidatePath).toBe(candidatePath());
      state.save(["q"]);
      expect(read()).toBe(before);
      // what an update would write: the value within tolerance keeps the golden's own
      expect(JSON.parse(candidates()!.get("q")!)).toEqual(answer(1, 3));
    }
  });

  test("a candidate notes the golden it was compared with, the oracle's verdict and the query's tolerance", async () => {
    goldenWith({ q: GOLDEN_Q });
    const state = GoldenState.open(path, "none");
    await state.match("q", answer(1, 3), { "m[*].count": { abs: 0.5 } }, "passed");
    await state.match("new", answer(1, 2), undefined);
    state.save(["q", "new"]);
    const file = CandidateFile.read(candidatePath());
    expect(file.get("q")!.note).toEqual({
      golden: goldenFingerprint(GOLDEN_Q),
      oracle: "passed",
      tolerance: { "m[*].count": { abs: 0.5 } },
    });
    expect(file.get("new")!.note).toEqual({ golden: null, oracle: "none" });
    // a note line above each entry, which the golden files' parser reads as a comment
    expect(readFileSync(candidatePath(), "utf8")).toContain(
      `// candidate {"query":"q","golden":"${goldenFingerprint(GOLDEN_Q)}","oracle":"passed","tolerance":{"m[*].count":{"abs":0.5}}}\nexports[\`q\`] = \``,
    );
    // the fingerprint is of the value: another layout or key order is the same golden, another value is not
    expect(goldenFingerprint('{"data":{"m":[{"count":2,"timestamp":"ts(0)","p99":1}]}}')).toBe(
      goldenFingerprint(GOLDEN_Q),
    );
    expect(goldenFingerprint(GOLDEN_Q.replace('"count": 2', '"count": 3'))).not.toBe(goldenFingerprint(GOLDEN_Q));
  });

  test("a candidate file that cannot be read (an older format, a hand edit) is replaced by the next run", async () => {
    goldenWith({ q: GOLDEN_Q });
    mkdirSync(join(dir, ".pending"));
    writeFileSync(candidatePath(), serializeGolden(new Map([["old", "{}"]])));
    const passing = GoldenState.open(path, "none");
    await passing.match("q", answer(1, 2), undefined);
    passing.save(["q"]);
    expect(existsSync(candidatePath())).toBe(false);
  });

  test("a missing golden in a check-only run is kept as a candidate", async () => {
    const check = GoldenState.open(path, "none");
    expect((await check.match("q", answer(1, 2), undefined)).status).toBe("missing");
    check.save(["q"]);
    expect(existsSync(path)).toBe(false);
    expect(JSON.parse(candidates()!.get("q")!)).toEqual(answer(1, 2));
  });

  test("a passing query removes its stale candidate, and a candidate file left empty is removed", async () => {
    goldenWith({ q: GOLDEN_Q, r: GOLDEN_Q });
    const failing = GoldenState.open(path, "none");
    await failing.match("q", answer(1, 3), undefined);
    await failing.match("r", answer(1, 4), undefined);
    failing.save(["q", "r"]);
    expect([...candidates()!.keys()]).toEqual(["q", "r"]);

    const passing = GoldenState.open(path, "none");
    expect(await passing.match("q", answer(1, 2), undefined)).toEqual({ status: "unchanged", differences: [] });
    passing.save(["q", "r"]);
    expect([...candidates()!.keys()]).toEqual(["r"]);

    const fixed = GoldenState.open(path, "none");
    expect((await fixed.match("r", answer(1.005, 2), undefined)).status).toBe("kept-within-tolerance");
    fixed.save(["q", "r"]);
    expect(existsSync(candidatePath())).toBe(false);
  });

  test("an update that writes the golden removes the candidate", async () => {
    goldenWith({ q: GOLDEN_Q });
    const check = GoldenState.open(path, "none");
    await check.match("q", answer(1, 3), undefined);
    await check.match("new", answer(1, 3), undefined);
    check.save(["q", "new"]);
    expect([...candidates()!.keys()]).toEqual(["new", "q"]);

    const update = GoldenState.open(path, "all");
    expect((await update.match("q", answer(1, 3), undefined)).status).toBe("updated");
    expect((await update.match("new", answer(1, 3), undefined)).status).toBe("written");
    update.save(["q", "new"]);
    expect(read()).toContain('"count": 3');
    expect(existsSync(candidatePath())).toBe(false);
  });

  test("a query that never reached its comparison leaves no candidate", () => {
    const state = GoldenState.open(path, "none");
    state.begin("q"); // the backend failed, or the request was refused: no answer
    state.save(["q"]);
    expect(existsSync(candidatePath())).toBe(false);
  });

  test("keeping a candidate never loads prettier", async () => {
    goldenWith({ q: GOLDEN_Q });
    await withPrettierWatched(async (Isolated, loaded) => {
      const check = Isolated.open(path, "none");
      await check.match("q", answer(1, 5), undefined);
      await check.match("new", answer(1, 5), undefined);
      check.save(["q", "new"]);
      expect(loaded).toEqual([]);
    });
    expect([...candidates()!.keys()]).toEqual(["new", "q"]);
  });
});
