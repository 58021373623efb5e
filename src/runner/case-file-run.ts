import { type AssertionResult, createEmptyTestResult, type TestResult } from "@jest/test-result";
import type { Config } from "@jest/types";
import { formatExecError, formatResultsErrors } from "jest-message-util";
import type { CaseDefinition } from "./case-definition";
import { CaseRun } from "./case-run";
import { userFacing } from "./golden-case";
import { UserError } from "../user-error";
import { plainError, stackOf } from "./plain-error";

/** A step of a case that outlived jest's testTimeout. */
export class CaseTimeoutError extends UserError {
  override name = "CaseTimeoutError";
}

/** jest's own default for testTimeout. */
const JEST_DEFAULT_TIMEOUT = 5000;

export interface CaseFileOptions {
  config: Config.ProjectConfig;
  globalConfig: Config.GlobalConfig;
  /** Called with each query's result as it is known (jest's test-case-result event). */
  onQuery?(result: AssertionResult): Promise<void>;
  /** The case's run; tests give steps of their own. */
  newRun?(definition: CaseDefinition, caseFile: string): CaseSteps;
}

/** What runCaseFile asks of a case's run (case-run.ts). */
export type CaseSteps = Pick<CaseRun, "prepare" | "check" | "finish">;

/**
 * Runs one loaded case module and reports it as jest reports a test file: a test per query,
 * named `<case name> <query>` (so `-t` selects queries as before), run in their order after
 * the case's preparation; a query `-t` leaves out is skipped, and a case none of whose queries
 * runs ingests nothing. Each step is bound by jest's testTimeout. A failure to finish (save the
 * golden, clean up) fails the file, as a failing afterAll does under jest.
 */
export async function runCaseFile(
  definition: CaseDefinition,
  caseFile: string,
  { config, globalConfig, onQuery, newRun = (d, f) => new CaseRun(d, f) }: CaseFileOptions,
): Promise<TestResult> {
  const start = Date.now();
  const pattern = globalConfig.testNamePattern ? new RegExp(globalConfig.testNamePattern, "i") : undefined;
  const queries = Object.keys(definition.queries).map((title) => ({
    title,
    fullName: `${definition.name} ${title}`,
  }));
  const enabled = queries.filter((q) => !pattern || pattern.test(q.fullName));
  const results = new Map<string, AssertionResult>();
  const record = async (title: string, fullName: string, started: number, error?: unknown) => {
    const result = assertionResult(definition.name, title, fullName, Date.now() - started, error);
    results.set(title, result);
    await onQuery?.(result);
  };
  const finishErrors: unknown[] = [];

  if (enabled.length > 0) {
    const run = newRun(definition, caseFile);
    const bound = <T>(what: string, work: () => Promise<T>) =>
      userFacing(() => withinTimeout(globalConfig.testTimeout ?? JEST_DEFAULT_TIMEOUT, what, work));
    let prepared: unknown = undefined;
    try {
      await bound(`the preparation of case "${definition.name}"`, () => run.prepare());
    } catch (err) {
      prepared = err; // every query fails with it, as with a failing beforeAll
    }
    for (const { title, fullName } of enabled) {
      const started = Date.now();
      if (prepared !== undefined) {
        await record(title, fullName, started, prepared);
        continue;
      }
      try {
        await bound(`query "${title}" of case "${definition.name}"`, () => run.check(title));
        await record(title, fullName, started);
      } catch (err) {
        await record(title, fullName, started, err);
      }
    }
    try {
      await bound(`the end of case "${definition.name}" (its golden saved, its series deleted)`, () => run.finish());
    } catch (err) {
      finishErrors.push(err);
    }
  }
  for (const { title, fullName } of queries) {
    if (!results.has(title))
      results.set(title, { ...assertionResult(definition.name, title, fullName, 0), status: "pending" });
  }

  const testResults = queries.map((q) => results.get(q.title)!);
  const count = (status: AssertionResult["status"]) => testResults.filter((r) => r.status === status).length;
  const end = Date.now();
  const result: TestResult = {
    ...createEmptyTestResult(),
    console: undefined,
    displayName: config.displayName,
    failureMessage: formatResultsErrors(testResults, config, globalConfig, caseFile),
    numFailingTests: count("failed"),
    numPassingTests: count("passed"),
    numPendingTests: count("pending"),
    perfStats: { start, end, runtime: end - start, slow: (end - start) / 1000 > config.slowTestThreshold },
    skipped: enabled.length === 0,
    testFilePath: caseFile,
    testResults,
  };
  return failFile(result, finishErrors, config, globalConfig);
}

/**
 * The result with errors that belong to no query (the case's end failed; an error nothing
 * awaited): they fail the file, as jest-circus shows a failing afterAll.
 */
export function failFile(
  result: TestResult,
  errors: unknown[],
  config: Config.ProjectConfig,
  globalConfig: Config.GlobalConfig,
): TestResult {
  if (errors.length === 0) return result;
  const stacks = errors.map(stackOf);
  const stack = [result.testExecError?.stack, ...stacks].filter(Boolean).join("\n");
  const formatted = stacks.map((s) => formatExecError(s, config, globalConfig)).join("\n");
  return {
    ...result,
    testExecError: { message: "", stack },
    failureMessage: `${result.failureMessage ?? ""}\n\n${formatted}`,
  };
}

function assertionResult(
  caseName: string,
  title: string,
  fullName: string,
  duration: number,
  error?: unknown,
): AssertionResult {
  return {
    ancestorTitles: [caseName],
    duration,
    // as plain data: the result crosses from the case process to jest's
    failureDetails: error === undefined ? [] : [plainError(error)],
    failureMessages: error === undefined ? [] : [stackOf(error)],
    fullName,
    numPassingAsserts: 0,
    status: error === undefined ? "passed" : "failed",
    title,
  };
}

async function withinTimeout<T>(ms: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CaseTimeoutError(
            `${what} did not end within ${ms} ms, jest's testTimeout (e.g. npm test -- --testTimeout=60000 for more).`,
          ),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
