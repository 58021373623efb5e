import type { InstantSample, RangeSeries } from "../vm/client";
import { PERCENTILE_FIELDS, type PercentileField } from "../golden/percentiles";
import { PHI_LABEL, STATUS_CLASS_LABEL } from "./metricsql";

/**
 * VictoriaMetrics answers to the contract's shapes. Pure. Every timestamp of the grid gets a
 * point (metrics-api.md §2): where VictoriaMetrics has no value, counts are 0 and ratios and
 * quantiles null. An instant answer is read as a one-point grid at the window's end.
 */

type Fill = 0 | null;
/** Values by Unix second, of one series. */
type Values = Map<number, number>;

export interface ValuePoint {
  timestamp: number;
  value: number | null;
}
export interface StatusVolume {
  status_2xx: number;
  status_4xx: number;
  status_5xx: number;
}
export type Percentiles = Record<PercentileField, number | null>;
export interface InstanceTypeSeries {
  instance_type: string;
  points: ValuePoint[];
}

/** An instant query's samples as series with one point each, so one set of readers serves both. */
export function asRange(samples: InstantSample[]): RangeSeries[] {
  return samples.map((s) => ({ metric: s.metric, values: [s.value] }));
}

/** The series keyed by one label's value ("" when absent, and for an ungrouped `sum`). */
function indexBy(result: RangeSeries[], label?: string): Map<string, Values> {
  return new Map(result.map((s) => [label === undefined ? "" : (s.metric[label] ?? ""), new Map(s.values)]));
}

/** NaN and ±Inf have no JSON form and mean "no answer" here (e.g. 0/0): they read as missing. */
function at(values: Values | undefined, t: number, fill: 0): number;
function at(values: Values | undefined, t: number, fill: Fill): number | null;
function at(values: Values | undefined, t: number, fill: Fill): number | null {
  const v = values?.get(t);
  return v !== undefined && Number.isFinite(v) ? v : fill;
}

/** One ungrouped series (a `sum(...)`), as a point for every timestamp. */
export function valuePoints(result: RangeSeries[], timestamps: number[], fill: Fill): ValuePoint[] {
  const values = indexBy(result).get("");
  return timestamps.map((t) => ({ timestamp: t, value: at(values, t, fill) }));
}

/** Series grouped by status class ("2", "4", "5", ...); 1xx and 3xx have no field of their own. */
export function statusVolumePoints(
  result: RangeSeries[],
  timestamps: number[],
): Array<StatusVolume & { timestamp: number }> {
  const byClass = indexBy(result, STATUS_CLASS_LABEL);
  return timestamps.map((t) => ({
    timestamp: t,
    status_2xx: at(byClass.get("2"), t, 0),
    status_4xx: at(byClass.get("4"), t, 0),
    status_5xx: at(byClass.get("5"), t, 0),
  }));
}

/** Series labelled by quantile (`phi="0.5"`, ...). Matched as numbers, whatever their formatting. */
export function percentilePoints(
  result: RangeSeries[],
  timestamps: number[],
): Array<Percentiles & { timestamp: number }> {
  const byPhi = new Map([...indexBy(result, PHI_LABEL)].map(([phi, values]) => [Number(phi), values]));
  return timestamps.map((t) => ({
    timestamp: t,
    p50: at(byPhi.get(PERCENTILE_FIELDS.p50), t, null),
    p90: at(byPhi.get(PERCENTILE_FIELDS.p90), t, null),
    p95: at(byPhi.get(PERCENTILE_FIELDS.p95), t, null),
    p99: at(byPhi.get(PERCENTILE_FIELDS.p99), t, null),
  }));
}

/**
 * Code point order, locale-independent: the order of the strings' UTF-8 bytes, as VictoriaMetrics
 * sorts series by their labels. (`<` on strings compares UTF-16 code units, which puts "😀",
 * U+1F600, before "Ａ", U+FF21.)
 */
const byCodePoint = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Series grouped by instance type, sorted by it (code point order). */
export function instanceTypeSeries(result: RangeSeries[], timestamps: number[]): InstanceTypeSeries[] {
  return [...indexBy(result, "instance_type")]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([instanceType, values]) => ({
      instance_type: instanceType,
      points: timestamps.map((t) => ({ timestamp: t, value: at(values, t, 0) })),
    }));
}
