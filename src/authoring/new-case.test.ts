import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ts from "typescript";
import { FixtureProject } from "../runner/__fixtures__/fixture-project";
import { caseTemplate } from "./case-template";
import { checkCaseName, newCase, nextSteps } from "./new-case";

const ROOT = resolve(__dirname, "../..");

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

  test("the template type-checks against the suite's API, as npm test's tsc would check it in cases/", () => {
    const file = join(ROOT, "cases", "__new_case_template__.case.ts"); // never written: served from memory
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, "tsconfig.json"),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const host = ts.createCompilerHost(config.options);
    const source = caseTemplate("template-check");
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (name, version, ...rest) =>
      name === file ? ts.createSourceFile(name, source, version) : getSourceFile.call(host, name, version, ...rest);
    host.fileExists = (name) => name === file || fileExists.call(host, name);
    host.readFile = (name) => (name === file ? source : readFile.call(host, name));
    const program = ts.createProgram([file], config.options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  }, 60_000);

  test("the template is laid out as npm test's format check wants it (prettier, .prettierrc.json)", async () => {
    const [{ format }, typescript, estree] = await Promise.all([
      import("prettier/standalone"),
      import("prettier/plugins/typescript"),
      import("prettier/plugins/estree"),
    ]);
    const config = JSON.parse(readFileSync(join(ROOT, ".prettierrc.json"), "utf8"));
    const source = caseTemplate("format-check");
    expect(await format(source, { ...config, parser: "typescript", plugins: [typescript, estree] })).toBe(source);
  });

  test("the template runs as is: update-goldens writes its golden, and npm test then passes", async () => {
    const project = await FixtureProject.with({
      fresh: caseTemplate("fresh").replace('from "../src"', 'from "@suite"'),
    });
    try {
      const update = await project.run({ update: true });
      expect(update.output).toContain("goldens: 2 written");
      expect(update.code).toBe(0);
      expect(project.golden("fresh")).toContain('{ "timestamp": "ts(30)", "value": 4 }'); // ts(15), ts(20): 2 requests in 30 s, per minute
      const check = await project.run();
      expect(check.code).toBe(0);
      expect(check.output).toContain("goldens: 0 written, 2 unchanged");
    } finally {
      project.release();
      FixtureProject.removeAll();
    }
  }, 120_000);

  test("bin/new-case refuses a bad name with exit code 2 and writes nothing", () => {
    const child = spawnSync(join(ROOT, "bin/new-case"), ["Bad Name"], { encoding: "utf8" });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain('new-case: "Bad Name" is not a case name');
  });
});
