import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runContext } from "../run/context";
import { caseTemplate } from "./case-template";
import { checkCaseName, newCase, nextSteps } from "./new-case";

const ROOT = resolve(__dirname, "../..");
const EXAMPLE_NAME = "new-case-example";
const EXAMPLE = "cases/new-case.example.ts";

describe("npm run new-case", () => {
  test.each(["error-rate", "e2e-latency", "billing", "a", "v2-range-99"])("%p is a case name", (name) => {
    expect(checkCaseName(name)).toBe(name);
  });

  test.each([
    ["My Case", "Did you mean: npm run new-case -- my-case"],
    ["errorRate", "Did you mean: npm run new-case -- error-rate"],
    ["cases/error-rate.case.ts", "Did you mean: npm run new-case -- error-rate"],
    ["under_score", "Did you mean: npm run new-case -- under-score"],
    ["double--dash", "Did you mean: npm run new-case -- double-dash"],
    ["9lives", 'starting with a letter (e.g. "error-rate", "e2e-latency")'],
    ["-x", 'lower-case letters, digits and single "-" between words'],
  ])("%p is refused, saying what a name is", (name, hint) => {
    expect(() => checkCaseName(name)).toThrow(hint);
    expect(() => checkCaseName(name)).toThrow(`"${name}" is not a case name`);
  });

  test("no name prints the usage", () => {
    expect(() => checkCaseName(undefined)).toThrow("usage: npm run new-case -- <name>");
  });

  describe("in a project", () => {
    let root: string;
    beforeEach(() => (root = mkdtempSync(join(tmpdir(), "new-case-"))));
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    test("writes cases/<name>.case.ts from the template and says the next two commands", () => {
      const path = newCase(root, "queue-depth");
      expect(path).toBe(join(root, "cases/queue-depth.case.ts"));
      expect(readFileSync(path, "utf8")).toBe(caseTemplate("queue-depth"));
      expect(readFileSync(path, "utf8")).toContain('name: "queue depth"');
      expect(nextSteps(root, path, "queue-depth")).toBe(
        [
          "wrote cases/queue-depth.case.ts: a case that runs as is; edit its data and queries.",
          "next:",
          "  npm run update-goldens -- cases/queue-depth.case.ts   # runs it and writes __golden__/queue-depth.snap",
          "  cat __golden__/queue-depth.snap   # read it: are these the numbers you meant? (then npm test)",
        ].join("\n"),
      );
    });

    test("never overwrites a case", () => {
      newCase(root, "mine");
      writeFileSync(join(root, "cases/mine.case.ts"), "// my work\n");
      expect(() => newCase(root, "mine")).toThrow(
        "cases/mine.case.ts already exists; new-case never overwrites a case",
      );
      expect(readFileSync(join(root, "cases/mine.case.ts"), "utf8")).toBe("// my work\n");
    });
  });

  // What the template writes is kept in the tree, where `npm test`'s type-check and format check
  // read it (cases/ is in both): the template cannot drift from the API or the layout unseen, and
  // checking it costs nothing (a TypeScript program here took 3.6 s). It is not a case (*.case.ts):
  // it is never run from there, and has no golden.
  test(`${EXAMPLE} is what the template writes (npm run update-goldens writes it again)`, () => {
    const path = join(ROOT, EXAMPLE);
    const written = caseTemplate(EXAMPLE_NAME);
    const inTree = () => (existsSync(path) ? readFileSync(path, "utf8") : undefined);
    // Written as a golden is: by an update (mode "all"), or when missing outside CI (mode "new").
    const { mode } = runContext();
    if ((mode === "all" && inTree() !== written) || (mode === "new" && inTree() === undefined)) {
      writeFileSync(path, written);
    }
    if (inTree() !== written) {
      throw new Error(
        `${EXAMPLE} is not what src/authoring/case-template.ts writes now. ` +
          "Run npm run update-goldens -- src/authoring/new-case.test.ts to write it again, then read its diff.",
      );
    }
  });

  // That the template runs as is (update-goldens writes its golden, npm test then passes) is shown
  // by the golden workflow's first child runs (src/runner/golden-workflow.test.ts), which run it
  // beside their own case.

  test("bin/new-case refuses a bad name with exit code 2 and writes nothing", () => {
    const child = spawnSync(join(ROOT, "bin/new-case"), ["Bad Name"], { encoding: "utf8" });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain('new-case: "Bad Name" is not a case name');
  });
});
