import { GoldenFileError } from "../golden/golden-file";
import { SeriesError } from "../series/errors";
import { VmBinaryNotFoundError } from "../vm/binary";
import { VmError } from "../vm/client";
import { VmConfigError } from "../vm/endpoints";
import { VmStartError } from "../vm/server";
import { CaseDefinitionError } from "./case-definition";
import { NoRunContextError } from "../run/context";
import { BackendFailureError, CaseDataError, CaseNotRunError, GoldenMismatchError, OracleOnErrorsError, VmExitedError } from "./case-run";
import { TargetConfigError } from "./target";
import { TargetUnavailableError } from "./target-client";

export class ObsoleteGoldensError extends Error {
  override name = "ObsoleteGoldensError";
}

/** Errors whose message says all: what was wrong and what to do. */
const USER_ERRORS = [
  VmBinaryNotFoundError,
  VmConfigError,
  VmStartError,
  CaseDefinitionError,
  CaseDataError,
  GoldenMismatchError,
  GoldenFileError,
  SeriesError,
  TargetConfigError,
  TargetUnavailableError,
  VmError,
  ObsoleteGoldensError,
  BackendFailureError,
  OracleOnErrorsError,
  NoRunContextError,
  VmExitedError,
  CaseNotRunError,
];

/**
 * Errors the user can fix (a missing binary, a bad VM_URL) are shown as their message alone:
 * jest prints an error's stack, and a stack trace buries the one line that says what to do.
 */
export function asUserError(err: unknown): unknown {
  if (USER_ERRORS.some((type) => err instanceof type)) (err as Error).stack = `${(err as Error).name}: ${(err as Error).message}`;
  return err;
}
