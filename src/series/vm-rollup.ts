import { firstAfter } from "./sorted-times";

/**
 * What VictoriaMetrics 1.79.5 answers for `increase`, `rate` and `last_over_time` over one
 * series' samples, for the truth's scraped view. Read from app/vmselect/promql at v1.79.5
 * (rollup.go: rollupDelta, rollupDerivFast, rollupLast, removeCounterResets, getScrapeInterval,
 * getMaxPrevInterval, rollupConfig.doInternal; eval.go: evalRollupFuncWithMetricExpr,
 * dropStaleNaNs), and held against the server by round-trip.test.ts. Unlike Prometheus, it
 * never extrapolates, and its base is the last sample before the window, not the first in it.
 */

/** One series as stored: Unix ms, ascending; NaN is a staleness marker. */
export interface SeriesSamples {
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
}

export type Rollup = "increase" | "rate" | "last_over_time";

/** One evaluation: the window (tEnd - window, tEnd] and the samples the query fetched, [from, to]. */
export interface Evaluation {
  readonly tEnd: number;
  readonly window: number;
  readonly fetchFrom: number;
  readonly fetchTo: number;
}

/**
 * eval.go fetches samples from `start - maxSilenceInterval - max(window, step)` to the query's
 * end: a query looks back 5 minutes beyond its first window.
 */
export const MAX_SILENCE_INTERVAL_MS = 5 * 60 * 1000;

/** The rollup's value, or undefined where VictoriaMetrics has none (NaN: the series drops out of a sum). */
export function rollup(fn: Rollup, series: SeriesSamples, at: Evaluation): number | undefined {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < series.timestamps.length; k++) {
    const t = series.timestamps[k]!;
    const v = series.values[k]!;
    // dropStaleNaNs: every rollup but default_rollup skips staleness markers, as if the scrape were missed.
    if (t >= at.fetchFrom && t <= at.fetchTo && !Number.isNaN(v)) {
      timestamps.push(t);
      values.push(v);
    }
  }
  // removeCounterResets runs over everything fetched, before any window is cut.
  if (fn !== "last_over_time") removeCounterResets(values);
  // The estimate's default (the query's step) only counts with fewer than two samples, and then
  // nothing here depends on it (a base needs a sample on each side of the window's start; rate
  // has no value for one sample): the window serves as well.
  const maxPrev = maxPrevInterval(scrapeInterval(timestamps, at.window));
  // rate may widen a window shorter than maxPrevInterval (rollupFuncsCanAdjustWindow); increase may not.
  const window = fn === "rate" && at.window < maxPrev ? maxPrev : at.window;
  const tStart = at.tEnd - window;
  const i = firstAfter(timestamps, tStart);
  const j = firstAfter(timestamps, at.tEnd);
  // The base: the last sample at or before the window's start, if recent enough and if the series goes on after it.
  let prevValue = NaN;
  let prevTimestamp = tStart - maxPrev;
  if (i < timestamps.length && i > 0 && timestamps[i - 1]! > prevTimestamp) {
    prevValue = values[i - 1]!;
    prevTimestamp = timestamps[i - 1]!;
  }
  const inWindow: WindowSamples = {
    values: values.slice(i, j),
    timestamps: timestamps.slice(i, j),
    prevValue,
    prevTimestamp,
    realPrevValue: i > 0 ? values[i - 1]! : NaN,
    realNextValue: j < values.length ? values[j]! : NaN,
  };
  const value = fn === "increase" ? delta(inWindow) : fn === "rate" ? derivFast(inWindow) : last(inWindow);
  return Number.isNaN(value) ? undefined : value;
}

interface WindowSamples {
  values: number[];
  timestamps: number[];
  prevValue: number;
  prevTimestamp: number;
  /** The sample before the window, however old (within what was fetched). */
  realPrevValue: number;
  /** The sample after the window, if the query fetched one. */
  realNextValue: number;
}

/**
 * A drop is a reset: the values after it get the value before it added. A drop by less than an
 * eighth is read as a partial reset (two exporters behind one series) and undone: the counter
 * is taken to stay where it was, so what the restarted exporter counted up to that value is lost.
 */
export function removeCounterResets(values: number[]): void {
  if (values.length === 0) return;
  let correction = 0;
  let prevValue = values[0]!;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    const d = v - prevValue;
    if (d < 0) correction += -d * 8 < prevValue ? prevValue - v : prevValue;
    prevValue = v;
    values[k] = v + correction;
  }
}

/** rollupDelta, which `increase` is. */
function delta(w: WindowSamples): number {
  let values = w.values;
  let prevValue = w.prevValue;
  if (Number.isNaN(prevValue)) {
    if (values.length === 0) return NaN;
    // After a gap longer than maxPrevInterval: the value is taken not to have moved during it.
    if (!Number.isNaN(w.realPrevValue)) return values[values.length - 1]! - w.realPrevValue;
    // A series' first samples: the first value counts from 0 only if it is small next to the
    // step after it (a counter that started now), else it is the base (one that ran before it was scraped).
    let d = 0;
    if (values.length > 1) d = values[1]! - values[0]!;
    else if (!Number.isNaN(w.realNextValue)) d = w.realNextValue - values[0]!;
    if (Math.abs(values[0]!) < 10 * (Math.abs(d) + 1)) prevValue = 0;
    else {
      prevValue = values[0]!;
      values = values.slice(1);
    }
  }
  if (values.length === 0) return 0;
  return values[values.length - 1]! - prevValue;
}

/** rollupDerivFast, which `rate` is: per second between the base and the window's last sample (not the window's length). */
function derivFast(w: WindowSamples): number {
  let prevValue = w.prevValue;
  let prevTimestamp = w.prevTimestamp;
  if (Number.isNaN(prevValue)) {
    if (w.values.length < 2) return NaN;
    prevValue = w.values[0]!;
    prevTimestamp = w.timestamps[0]!;
  } else if (w.values.length === 0) return 0;
  const dv = w.values[w.values.length - 1]! - prevValue;
  const dt = (w.timestamps[w.timestamps.length - 1]! - prevTimestamp) / 1000;
  return dv / dt;
}

/** rollupLast: the window's last sample; nothing before the window counts. */
function last(w: WindowSamples): number {
  return w.values.length === 0 ? NaN : w.values[w.values.length - 1]!;
}

/** getScrapeInterval: the 0.6 quantile of the first 20 intervals between samples. */
export function scrapeInterval(timestamps: readonly number[], defaultInterval: number): number {
  if (timestamps.length < 2) return defaultInterval;
  const intervals = timestamps.slice(1, 21).map((t, k) => t - timestamps[k]!);
  const interval = Math.trunc(quantile(0.6, intervals));
  return interval <= 0 ? defaultInterval : interval;
}

/** getMaxPrevInterval: how old the base may be; more slack for short intervals, which jitter more. */
export function maxPrevInterval(interval: number): number {
  if (interval <= 2000) return interval + 4 * interval;
  if (interval <= 4000) return interval + 2 * interval;
  if (interval <= 8000) return interval + interval;
  if (interval <= 16000) return interval + Math.trunc(interval / 2);
  if (interval <= 32000) return interval + Math.trunc(interval / 4);
  return interval + Math.trunc(interval / 8);
}

/** aggr.go's quantileSorted: linear between the two closest ranks. */
function quantile(phi: number, values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const rank = phi * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}
