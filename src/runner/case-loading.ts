import type { CaseDefinition } from "./case-definition";
import { UserError } from "../user-error";

/** The case module the case runner is loading, and the definition its goldenCase() handed over. */
export interface CaseLoading {
  readonly caseFile: string;
  definition?: CaseDefinition;
}

let current: CaseLoading | undefined;

/** The load in progress, if the case process (case-process-serve.ts) is loading a case module now. */
export function caseBeingLoaded(): CaseLoading | undefined {
  return current;
}

/** Hands over the definition of the case module being loaded; a module defines one case. */
export function handOver(loading: CaseLoading, definition: CaseDefinition, file: string): void {
  if (loading.definition) {
    throw new UserError(
      `${file} calls goldenCase() twice ("${loading.definition.name}", "${definition.name}"): a case module defines one case; put the other in a module of its own.`,
    );
  }
  loading.definition = definition;
}

/** Loads one case module with `load` (a require: synchronous) and returns the definition its goldenCase() handed over. */
export function loadCase(caseFile: string, load: () => unknown): CaseDefinition | undefined {
  const loading: CaseLoading = { caseFile };
  current = loading;
  try {
    load();
  } finally {
    current = undefined;
  }
  return loading.definition;
}
