import { badInput } from "./errors";
import { LIMITS, MODEL_VERSION_ID } from "./limits";

/**
 * Validation of a root query's arguments, at the edge: past here, windows and ids are valid.
 * DateTimes arrive as Unix seconds (the scalar already rejected unparsable or fractional ones).
 */

/** A range query's grid: t_k = start + k * step for every k with t_k <= end. */
export interface RangeWindow {
  start: number;
  end: number;
  step: number;
  /** Every t_k, in order. */
  timestamps: number[];
}

/** An instant query's window (start, end], evaluated at `end` over `seconds`. */
export interface InstantWindow {
  end: number;
  seconds: number;
}

export function checkModelVersionId(id: string): string {
  if (!MODEL_VERSION_ID.test(id)) {
    throw badInput(
      "model_version_id is malformed: it must be 1 to 128 characters, starting with a letter or digit, " +
        "followed by letters, digits, '.', '_', ':' or '-'.",
    );
  }
  return id;
}

export function checkRange(start: number, end: number, stepSeconds: number | null | undefined): RangeWindow {
  const { step, points } = rangePoints(start, end, stepSeconds);
  return { start, end, step, timestamps: Array.from({ length: points }, (_, k) => start + k * step) };
}

/** A range's step and number of points, once its order, step and size are checked. */
export function rangePoints(
  start: number,
  end: number,
  stepSeconds: number | null | undefined,
): { step: number; points: number } {
  checkOrder(start, end);
  const step = stepSeconds ?? LIMITS.defaultStepSeconds;
  if (!Number.isInteger(step) || step < LIMITS.minStepSeconds || step > LIMITS.maxStepSeconds) {
    throw badInput(
      `step_seconds is ${step}; it must be a whole number from ${LIMITS.minStepSeconds} to ${LIMITS.maxStepSeconds}.`,
    );
  }
  const points = Math.floor((end - start) / step) + 1;
  if (points > LIMITS.maxPoints) {
    throw badInput(
      `This range has ${points} points at step_seconds ${step}; at most ${LIMITS.maxPoints} are allowed. ` +
        `Use a step_seconds of at least ${Math.floor((end - start) / LIMITS.maxPoints) + 1} or a shorter range.`,
    );
  }
  return { step, points };
}

export function checkInstant(start: number, end: number): InstantWindow {
  checkOrder(start, end);
  const seconds = end - start;
  if (seconds < LIMITS.minInstantWindowSeconds || seconds > LIMITS.maxInstantWindowSeconds) {
    throw badInput(
      `The window from start to end is ${seconds} s; it must be from ${LIMITS.minInstantWindowSeconds} s ` +
        `to ${LIMITS.maxInstantWindowSeconds / 86_400} days (${LIMITS.maxInstantWindowSeconds} s).`,
    );
  }
  return { end, seconds };
}

function checkOrder(start: number, end: number): void {
  if (end < start) throw badInput("end is before start; end must be at or after start.");
}
