import { fromRoot, projectRootOf } from "../golden/layout";
import { type CaseDefinition, validateCase } from "./case-definition";
import { CaseRun } from "./case-run";
import { asUserError, UserError } from "../user-error";

/** Runs one step of a case, showing a user's mistake as its message alone (see src/user-error.ts). */
async function userFacing(step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (err) {
    throw asUserError(err);
  }
}

/**
 * A case module's default export: turns the definition into one jest test per query, inside a
 * describe named for the case. Data is built and ingested once, before the first query.
 */
export function goldenCase(definition: CaseDefinition): CaseDefinition {
  const caseFile = expect.getState().testPath;
  if (!caseFile)
    throw new UserError("goldenCase() runs inside a jest test file: cases/<name>.case.ts, run by npm test.");
  let run: CaseRun;
  try {
    validateCase(definition, fromRoot(projectRootOf(caseFile), caseFile));
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
