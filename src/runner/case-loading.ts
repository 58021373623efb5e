import type { CaseDefinition } from "./case-definition";

/** The case module the case runner is loading, and the definition its goldenCase() handed over. */
export interface CaseLoading {
  readonly caseFile: string;
  definition?: CaseDefinition;
}

// On globalThis, under a registered symbol: a watch run reloads the project's modules, and the
// runner's copy of this module must still meet the one a freshly loaded case module imports.
const SLOT = Symbol.for("metrics-golden-suite/case-loading");
type Slot = { [SLOT]?: CaseLoading };

/** The load in progress, if the case runner (case-runner.ts) is loading a case module now. */
export function caseBeingLoaded(): CaseLoading | undefined {
  return (globalThis as Slot)[SLOT];
}

/** Loads one case module with `load`, and returns the definition its goldenCase() call handed over. */
export async function loadCase(caseFile: string, load: () => Promise<unknown>): Promise<CaseDefinition | undefined> {
  const loading: CaseLoading = { caseFile };
  (globalThis as Slot)[SLOT] = loading;
  try {
    await load();
  } finally {
    delete (globalThis as Slot)[SLOT];
  }
  return loading.definition;
}
