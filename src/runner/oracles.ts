import { PERCENTILE_FIELDS, type PercentileField } from "../golden/percentiles";
import type { Truth } from "../series";

/**
 * An oracle for percentile answers: each pQ the point carries is what histogram_quantile makes of
 * the true bucket counts of the window (truth.quantile's `interpolated`, so inside the bucket that
 * holds the true quantile), or null when there are no observations. A quantile read from the
 * wrong histogram, window or quantile (p99 from the p95 series) fails it.
 */
export function expectPercentilesInTrueBuckets(
  truth: Truth,
  histogram: string,
  point: Partial<Record<PercentileField, number | null>>,
  from: Date,
  to: Date,
): void {
  for (const [field, q] of Object.entries(PERCENTILE_FIELDS) as Array<[PercentileField, number]>) {
    if (!(field in point)) continue;
    const expected = truth.quantile(histogram, {}, from, to, q);
    if (expected === undefined) {
      expect(point[field]).toBeNull();
      continue;
    }
    const [lower, upper] = expected.bucket;
    expect(point[field]).toBeGreaterThanOrEqual(lower);
    expect(point[field]).toBeLessThanOrEqual(upper);
    // Goldens keep 12 significant digits; float summation order moves the last few.
    expect(point[field]).toBeCloseTo(expected.interpolated, 9);
  }
}

/** An oracle for averages: sum / count of the window's observations, or null when there are none. */
export function expectTrueAverage(truth: Truth, histogram: string, value: number | null, from: Date, to: Date): void {
  const count = truth.count(histogram, {}, from, to);
  if (count === 0) expect(value).toBeNull();
  else expect(value).toBeCloseTo(truth.sum(histogram, {}, from, to) / count, 12);
}

/** The window (t - seconds, t] a range point at `timestamp` describes. */
export function windowEndingAt(timestamp: string, seconds: number): [from: Date, to: Date] {
  const to = new Date(timestamp);
  return [new Date(to.getTime() - seconds * 1000), to];
}

/**
 * An oracle for the shape of a range answer: one point at each start + k * step <= end, in
 * order, and no other. Without it, an empty or shifted series would pass every per-point check.
 */
export function expectPointsAt(
  points: ReadonlyArray<{ timestamp: string }>,
  start: Date,
  end: Date,
  stepSeconds: number,
): void {
  const expected: string[] = [];
  for (let t = start.getTime(); t <= end.getTime(); t += stepSeconds * 1000) expected.push(new Date(t).toISOString());
  expect(points.map((p) => new Date(p.timestamp).toISOString())).toEqual(expected);
}
