import { sep } from "path";
import { UserError } from "../user-error";

/** Bad input from a case: names the series and the call, and says what is allowed. */
export class SeriesError extends UserError {
  override name = "SeriesError";

  constructor(message: string) {
    super(message);
    this.stack = fromCaller(this.stack);
  }
}

const SERIES_DIR = __dirname + sep;

/** A frame of the builder itself: a file of src/series/ that is not a test, or a native frame between two of them. */
function isInternal(frame: string): boolean {
  const file = /\((.*):\d+:\d+\)$/.exec(frame)?.[1] ?? /^\s+at (.*):\d+:\d+$/.exec(frame)?.[1];
  if (file === undefined) return true;
  return file.startsWith(SERIES_DIR) && !/\.test\.[jt]s$/.test(file);
}

/**
 * The stack without the builder's own frames on top. jest shows a code frame for the first frame
 * outside node_modules, and the line worth showing is the case's call (`.inc(ts(700))`), not the
 * check in src/series/ that refused it; the frames below the caller stay as they were.
 */
function fromCaller(stack: string | undefined): string | undefined {
  if (stack === undefined) return stack;
  const lines = stack.split("\n");
  const first = lines.findIndex((line) => /^\s+at /.test(line));
  if (first < 0) return stack;
  let caller = first;
  while (caller < lines.length && isInternal(lines[caller]!)) caller++;
  if (caller === lines.length) return stack;
  return [...lines.slice(0, first), ...lines.slice(caller)].join("\n");
}
