/**
 * An error meant for a person: its message says what was wrong and what is allowed, and `hint`,
 * when given, what to do. Every error a user can fix extends it (a missing binary, a bad VM_URL, a
 * misspelt case key, a golden that differs); anything else is a bug and keeps its stack.
 * A leaf module, so that every folder can use it.
 */
export class UserError extends Error {
  override name = "UserError";

  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(
      options?.hint ? `${message}\n${options.hint}` : message,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
  }
}

/**
 * A user's mistake is shown as its message alone: jest prints an error's stack, and a stack trace
 * buries the one line that says what to do. Returns `err` for `throw asUserError(err)`.
 */
export function asUserError(err: unknown): unknown {
  if (err instanceof UserError) err.stack = `${err.name}: ${err.message}`;
  return err;
}
