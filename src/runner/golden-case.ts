import { fromRoot, projectRootOf } from "../golden/layout";
import { type CaseDefinition, validateCase } from "./case-definition";
import { caseBeingLoaded, handOver } from "./case-loading";
import { CaseRun } from "./case-run";
import { asUserError, UserError } from "../user-error";

/** Runs one step of a case, showing a user's mistake as its message alone (see src/user-error.ts). */
export async function userFacing<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw asUserError(err);
  }
}

/**
 * A case module's default export. Under `npm test` the case runner (case-runner.ts) is loading
 * the module: the definition is handed to it. Under jest's own test runner (as `npm run mutate`
 * runs the cases), it becomes one jest test per query, inside a describe named for the case, the
 * data built and ingested once, before the first query.
 */
export function goldenCase(definition: CaseDefinition): CaseDefinition {
  const loading = caseBeingLoaded();
  const caseFile = loading?.caseFile ?? (typeof expect === "undefined" ? undefined : expect.getState().testPath);
  if (!caseFile)
    throw new UserError("goldenCase() runs inside a jest test file: cases/<name>.case.ts, run by npm test.");
  let run: CaseRun;
  try {
    const file = fromRoot(projectRootOf(caseFile), caseFile);
    validateCase(definition, file);
    if (loading) {
      handOver(loading, definition, file);
      return definition;
    }
    run = new CaseRun(definition, caseFile);
  } catch (err) {
    throw asUserError(err);
  }
  describe(definition.name, () => {
    beforeAll(() => userFacing(() => run.prepare()));
    for (const queryName of Object.keys(definition.queries)) {
      test(queryName, () => userFacing(() => run.check(queryName)));
    }
    afterAll(() => userFacing(() => run.finish()));
  });
  return definition;
}
