import { updateMode } from "../golden/update-mode";
import { type CaseDefinition, validateCase } from "./case-definition";
import { CaseRun } from "./case-run";
import { asUserError } from "./user-error";

/** jest's update mode for this test file (`--ci`, `-u`), which jest keeps on its snapshot state. */
function jestUpdateMode(): string | undefined {
  const state = expect.getState() as { snapshotState?: { _updateSnapshot?: string } };
  return state.snapshotState?._updateSnapshot;
}

/**
 * A case module's default export: turns the definition into one jest test per query, inside a
 * describe named for the case. Data is built and ingested once, before the first query.
 */
export function goldenCase(definition: CaseDefinition): CaseDefinition {
  const caseFile = expect.getState().testPath;
  if (!caseFile) throw new Error("goldenCase() runs inside a jest test file: cases/<name>.case.ts, run by npm test.");
  try {
    validateCase(definition, caseFile);
  } catch (err) {
    throw asUserError(err);
  }
  const run = new CaseRun(definition, caseFile, updateMode(jestUpdateMode()));
  describe(definition.name, () => {
    beforeAll(async () => {
      try {
        await run.prepare();
      } catch (err) {
        throw asUserError(err);
      }
    });
    for (const queryName of Object.keys(definition.queries)) {
      test(queryName, async () => {
        try {
          await run.check(queryName);
        } catch (err) {
          throw asUserError(err);
        }
      });
    }
    afterAll(() => run.finish());
  });
  return definition;
}
