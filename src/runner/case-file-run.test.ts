import type { Config } from "@jest/types";
import type { CaseDefinition } from "./case-definition";
import { runCaseFile, type CaseSteps } from "./case-file-run";
import { UserError } from "../user-error";

const CASE_FILE = "/project/cases/fixture.case.ts";
const definition: CaseDefinition = {
  name: "fixture",
  data() {},
  queries: { q1: { query: "{ a }" }, q2: { query: "{ b }" }, q3: { query: "{ c }" } },
};
const config = { rootDir: "/project", slowTestThreshold: 5, testMatch: [] } as unknown as Config.ProjectConfig;
const never = () => new Promise<never>(() => {});

/** Steps that do what `behave` says, and note each call. */
function fakeRun(behave: Partial<Record<"prepare" | "finish" | "q1" | "q2" | "q3", () => Promise<void>>> = {}) {
  const calls: string[] = [];
  const steps: CaseSteps = {
    prepare: async () => (calls.push("prepare"), behave.prepare?.()),
    check: async (query: string) => (calls.push(query), behave[query as "q1"]?.()),
    finish: async () => (calls.push("finish"), behave.finish?.()),
  };
  return { calls, newRun: () => steps };
}

function run(run: ReturnType<typeof fakeRun>, global: Partial<Config.GlobalConfig> = {}) {
  const globalConfig = { testTimeout: 5000, ...global } as Config.GlobalConfig;
  return runCaseFile(definition, CASE_FILE, { config, globalConfig, newRun: run.newRun });
}

describe("a case module run by the case runner", () => {
  test("is a test per query, named for its case, run in order between its preparation and its end", async () => {
    const steps = fakeRun();
    const result = await run(steps);
    expect(steps.calls).toEqual(["prepare", "q1", "q2", "q3", "finish"]);
    expect(result.testResults.map((r) => [r.fullName, r.ancestorTitles, r.title, r.status])).toEqual([
      ["fixture q1", ["fixture"], "q1", "passed"],
      ["fixture q2", ["fixture"], "q2", "passed"],
      ["fixture q3", ["fixture"], "q3", "passed"],
    ]);
    expect(result).toMatchObject({ numPassingTests: 3, numFailingTests: 0, skipped: false, testFilePath: CASE_FILE });
    expect(result.failureMessage).toBeFalsy();
  });

  test("runs only the queries -t selects, and skips the others", async () => {
    const steps = fakeRun();
    const result = await run(steps, { testNamePattern: "^fixture q2$" });
    expect(steps.calls).toEqual(["prepare", "q2", "finish"]);
    expect(result.testResults.map((r) => r.status)).toEqual(["pending", "passed", "pending"]);
    expect(result).toMatchObject({ numPassingTests: 1, numPendingTests: 2, skipped: false });
  });

  test("prepares nothing when -t selects none of its queries, and counts as skipped", async () => {
    const steps = fakeRun();
    const result = await run(steps, { testNamePattern: "elsewhere" });
    expect(steps.calls).toEqual([]);
    expect(result).toMatchObject({ numPendingTests: 3, skipped: true });
  });

  test("fails a query alone, showing a user's mistake as its message without a stack", async () => {
    const result = await run(fakeRun({ q1: () => Promise.reject(new UserError("q1 asked for the wrong window")) }));
    expect(result.testResults.map((r) => r.status)).toEqual(["failed", "passed", "passed"]);
    expect(result.failureMessage).toContain("● fixture › q1");
    expect(result.failureMessage).toContain("q1 asked for the wrong window");
    expect(result.failureMessage).not.toMatch(/^\s+at /m);
    expect(result.numFailingTests).toBe(1);
  });

  test("fails a query that outlives jest's testTimeout, saying how to give it more, and goes on", async () => {
    const steps = fakeRun({ q2: never });
    const result = await run(steps, { testTimeout: 20 });
    expect(steps.calls).toEqual(["prepare", "q1", "q2", "q3", "finish"]);
    expect(result.testResults.map((r) => r.status)).toEqual(["passed", "failed", "passed"]);
    expect(result.failureMessage).toContain(
      `query "q2" of case "fixture" did not end within 20 ms, jest's testTimeout (e.g. npm test -- --testTimeout=60000 for more).`,
    );
  });

  test("fails every query with a preparation that outlives the timeout, and still ends the case", async () => {
    const steps = fakeRun({ prepare: never });
    const result = await run(steps, { testTimeout: 20 });
    expect(steps.calls).toEqual(["prepare", "finish"]);
    expect(result.testResults.map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
    expect(result.testResults[2]!.failureMessages[0]).toContain(
      'the preparation of case "fixture" did not end within 20 ms',
    );
  });

  test("fails the file when the case cannot end (its golden unsaved), as a failing afterAll does", async () => {
    const result = await run(fakeRun({ finish: () => Promise.reject(new UserError("__golden__ is not writable")) }));
    expect(result.numPassingTests).toBe(3);
    expect(result.testExecError?.stack).toContain("__golden__ is not writable");
    expect(result.failureMessage).toContain("__golden__ is not writable");
  });
});
