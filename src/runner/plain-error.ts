// An error as jest prints it and as it crosses between processes (the case process and jest's):
// one place for both sides. A leaf module, so that jest's side loads nothing else for it.

/** An error as data that survives JSON: its name, message and what jest prints of it. */
export function plainError(error: unknown): { name?: string; message: string; stack: string } {
  if (typeof error !== "object" || error === null) return { message: String(error), stack: stackOf(error) };
  const { name, message } = error as { name?: unknown; message?: unknown };
  return { name: typeof name === "string" ? name : undefined, message: String(message), stack: stackOf(error) };
}

/** What jest prints of a thrown value: an error's stack (a user's mistake has its message alone, see user-error.ts). */
export function stackOf(error: unknown): string {
  if (error instanceof Error || (typeof error === "object" && error !== null && "message" in error)) {
    const { stack, message } = error as { stack?: unknown; message?: unknown };
    return typeof stack === "string" ? stack : String(message);
  }
  return `thrown: ${String(error)}`;
}
