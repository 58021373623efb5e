import { LIMITS } from "../api/limits";

/** A window (from, to], as `increase(x[to - from])` at `to` sees it; Unix ms. */
export type Window = readonly [from: number, to: number];

/** The time a root query asks about: its start and end, and each window it answers for. */
export interface QueryTime {
  start: number;
  end: number;
  /** A range's step; undefined for an instant query. */
  step?: number;
  /** A range: (t_k - step, t_k] for each t_k = start + k * step <= end; an instant: (start, end]. */
  windows: Window[];
}

/**
 * The windows of a root query from its arguments (`start`, `end`, and `step_seconds` for a
 * `ranged` root: one whose field takes that argument), as the contract defines them
 * (metrics-api.md §2). Undefined when the arguments make no window the API would answer for
 * (missing, unparsable, end before start, too many points): such a query has no data conditions.
 */
export function queryTime(args: Readonly<Record<string, unknown>>, ranged: boolean): QueryTime | undefined {
  const start = instant(args.start);
  const end = instant(args.end);
  if (start === undefined || end === undefined || end < start) return undefined;
  if (!ranged) return end > start ? { start, end, windows: [[start, end]] } : undefined;
  const stepSeconds = args.step_seconds ?? LIMITS.defaultStepSeconds;
  if (typeof stepSeconds !== "number" || !Number.isInteger(stepSeconds) || stepSeconds < 1) return undefined;
  const step = stepSeconds * 1000;
  const points = Math.floor((end - start) / step) + 1;
  if (points > LIMITS.maxPoints) return undefined;
  const windows = Array.from({ length: points }, (_, k): Window => [start + (k - 1) * step, start + k * step]);
  return { start, end, step, windows };
}

function instant(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
