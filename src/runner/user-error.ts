import { VmBinaryNotFoundError } from "../vm/binary";
import { VmConfigError } from "../vm/endpoints";
import { VmStartError } from "../vm/server";

const USER_ERRORS = [VmBinaryNotFoundError, VmConfigError, VmStartError];

/**
 * Errors the user can fix (a missing binary, a bad VM_URL) are shown as their message alone:
 * jest prints an error's stack, and a stack trace buries the one line that says what to do.
 */
export function asUserError(err: unknown): unknown {
  if (USER_ERRORS.some((type) => err instanceof type)) (err as Error).stack = `${(err as Error).message}`;
  return err;
}
