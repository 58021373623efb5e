import type { Config } from "@jest/types";
import { readConfig } from "jest-config";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { publishRunContext, runContext } from "../run/context";
import { CaseProcess } from "./case-process";

const ROOT = resolve(__dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "case-process-"));
/** One query, for the case to be a case; `extra`: more of the query's definition. */
const queries = (extra = "") =>
  `queries: { q: { query: "query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) { instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) { inference_volume } }", variables: { start: ts(0), end: ts(60) }, ${extra} } }`;
const QUERY = queries();

/** A case module in this test's project: `body` follows the import of the suite. */
function caseModule(name: string, body: string): string {
  const path = join(dir, "cases", `${name}.case.ts`);
  writeFileSync(path, `import { goldenCase, ts } from ${JSON.stringify(join(ROOT, "src"))};\n${body}\n`);
  return path;
}

let config: Config.ProjectConfig;
let globalConfig: Config.GlobalConfig;
const parentRun = process.env.GOLDEN_RUN;
beforeAll(async () => {
  mkdirSync(join(dir, "cases"));
  mkdirSync(join(dir, "run"));
  writeFileSync(
    join(dir, "jest.config.js"),
    `module.exports = ${JSON.stringify({
      rootDir: dir,
      transform: { "^.+\\.ts$": [join(ROOT, "src/runner/ts-transform.js"), { tsconfig: join(ROOT, "tsconfig.json") }] },
    })};\n`,
  );
  ({ projectConfig: config, globalConfig } = await readConfig({ $0: "jest", _: [] }, join(dir, "jest.config.js")));
  // This run's VictoriaMetrics and target, but a record dir of its own: these cases stay out of the run's summary.
  publishRunContext({ ...runContext(), runDir: join(dir, "run") });
});
afterAll(() => {
  process.env.GOLDEN_RUN = parentRun;
  rmSync(dir, { recursive: true, force: true });
});

describe("the case process", () => {
  // One process for the tests that need no timeout of their own (each start loads the runner).
  let cases: CaseProcess;
  beforeAll(() => (cases = new CaseProcess({ config, globalConfig })));
  afterAll(() => cases.end());

  test("fails a case module that cannot load, calls no goldenCase() or calls it twice, alone, saying what to do", async () => {
    const noQuery = async () => {};
    const [misspelt, uncalled, twice] = await Promise.all([
      cases.run(
        caseModule("misspelt", `export default goldenCase({ name: "m", data() {}, querys: {} } as never);`),
        noQuery,
      ),
      cases.run(caseModule("uncalled", "export const notACase = 1;"), noQuery),
      cases.run(
        caseModule(
          "twice",
          `goldenCase({ name: "one", data() {}, ${QUERY} });\nexport default goldenCase({ name: "two", data() {}, ${QUERY} });`,
        ),
        noQuery,
      ),
    ]);
    expect(misspelt).toEqual({
      error: expect.objectContaining({ message: expect.stringContaining('has no "querys"') }),
    });
    expect(uncalled).toEqual({
      error: expect.objectContaining({
        message: expect.stringContaining(
          "cases/uncalled.case.ts calls no goldenCase(): a case module's default export is",
        ),
      }),
    });
    expect(twice).toEqual({
      error: expect.objectContaining({
        message: expect.stringContaining(
          'cases/twice.case.ts calls goldenCase() twice ("one", "two"): a case module defines one case',
        ),
      }),
    });
  });

  test("fails the case whose code raised an error nothing awaited, and no other", async () => {
    const stray = caseModule(
      "stray",
      `export default goldenCase({ name: "stray", data() { void Promise.reject(new Error("nobody awaited this")); }, ${QUERY} });`,
    );
    const calm = caseModule("calm", `export default goldenCase({ name: "calm", data() {}, ${QUERY} });`);
    const [strayRun, calmRun] = await Promise.all([cases.run(stray, async () => {}), cases.run(calm, async () => {})]);
    expect("result" in strayRun && strayRun.result.testExecError?.stack).toMatch(
      /StrayError: an error nothing awaited was raised while this case ran:\nError: nobody awaited this\n\s+at .*cases\/stray\.case\.ts:2:/,
    );
    expect("result" in calmRun && calmRun.result.testExecError).toBeUndefined();
  });

  test("reports an error nothing awaited that names a case that has ended on its own, not against the case running", async () => {
    const ended = caseModule(
      "ended",
      `(globalThis as any).later = () => Promise.reject(new Error("raised after its case ended"));\nexport default goldenCase({ name: "ended", data() {}, ${QUERY} });`,
    );
    const running = caseModule(
      "running",
      `export default goldenCase({ name: "running", data() { void (globalThis as any).later(); }, ${QUERY} });`,
    );
    await cases.run(ended, async () => {});
    const outcome = await cases.run(running, async () => {});
    expect("result" in outcome && outcome.result.testExecError).toBeUndefined();
    expect(cases.strays).toEqual([
      { path: ended, error: expect.objectContaining({ message: "raised after its case ended" }) },
    ]);
  });

  test("refuses expect.assertions() in an oracle, which would count every case's assertions", async () => {
    const counting = caseModule(
      "counting",
      `export default goldenCase({ name: "counting", data() {}, ${queries("check: () => expect.assertions(1)")} });`,
    );
    const outcome = await cases.run(counting, async () => {});
    expect("result" in outcome && outcome.result.testResults[0]!.failureMessages[0]).toContain(
      "expect.assertions() has no meaning in a case's oracle (check): it runs once per query",
    );
  });

  test("fails a step that never settles at the timeout, and ending the process ends what the step left behind", async () => {
    const hanging = new CaseProcess({ config, globalConfig: { ...globalConfig, testTimeout: 2000 } });
    const hung = caseModule(
      "hung",
      `export default goldenCase({ name: "hung", data() {}, ${queries("check: () => new Promise(() => setInterval(() => {}, 1000))")} });`,
    );
    const outcome = await hanging.run(hung, async () => {});
    const pid = hanging.pid!;
    await hanging.end();
    expect("result" in outcome && outcome.result.testResults[0]!.failureMessages[0]).toContain(
      `query "q" of case "hung" did not end within 2000 ms, jest's testTimeout`,
    );
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  test("fails the cases running when a case ends the process, and runs the next in a new one", async () => {
    const exits = caseModule(
      "exits",
      `export default goldenCase({ name: "exits", data() { process.exit(3); }, ${QUERY} });`,
    );
    expect(await cases.run(exits, async () => {})).toEqual({
      error: expect.objectContaining({
        message: expect.stringContaining("the case process exited (exit code 3) while this case ran"),
      }),
    });
    const after = caseModule("after", `export default goldenCase({ name: "after", data() {}, ${QUERY} });`);
    expect(await cases.run(after, async () => {})).toHaveProperty("result.testResults.0.fullName", "after q");
  });

  test("that cannot start fails every case with why, and is not started again for each", async () => {
    const broken = new CaseProcess({
      config: { ...config, transform: [["^.+\\.ts$", join(dir, "no-such-transform.js"), {}]] },
      globalConfig,
    });
    const calm = caseModule("calm-too", `export default goldenCase({ name: "calm too", data() {}, ${QUERY} });`);
    const first = await broken.run(calm, async () => {});
    expect(first).toEqual({
      error: expect.objectContaining({
        message: expect.stringMatching(
          /^the case process could not start \(exit code 1\); its last output:\n[\s\S]*MODULE_NOT_FOUND/,
        ),
      }),
    });
    expect(await broken.run(calm, async () => {})).toEqual(first);
    expect(broken.pid).toBeUndefined();
    await broken.end();
  });
});
