/**
 * The index of the first of ascending times after `t` (VictoriaMetrics' seekFirstTimestampIdxAfter):
 * a binary search, for series of any length.
 */
export function firstAfter(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
