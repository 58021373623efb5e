import { PERCENTILE_FIELDS } from "../golden/percentiles";

/**
 * Every MetricsQL query the API sends, one small function per row of metrics-api.md §4.
 * Pure: each returns the query text; the caller picks the evaluation time(s).
 *
 * Windows: VictoriaMetrics' `increase(x[w])` evaluated at t covers (t - w, t], counting from
 * the last sample at or before t - w, without extrapolation. So a range point at t_k uses
 * w = step, and an instant window (start, end] is one query at time = end with w = end - start.
 *
 * Every query answers nothing unless a series of its scope has samples in range (no bare
 * `vector(0)` at the top): an answer with a series proves the model version exists, and the
 * resolvers rely on that to skip the NOT_FOUND check.
 */

export const METRIC = {
  requests: "model_requests_total",
  inferenceDuration: "model_inference_duration_seconds",
  e2eResponseTime: "model_e2e_response_time_seconds",
  replicaSeconds: "model_replica_seconds_total",
  replicasActive: "model_replicas_active",
} as const;

export type Histogram = typeof METRIC.inferenceDuration | typeof METRIC.e2eResponseTime;

/** Whose series a query may see: always the caller's namespace; a model version unless namespace-wide. */
export interface Scope {
  namespace: string;
  modelVersionId?: string;
}

/** The label `histogram_quantiles` gives each quantile of PERCENTILE_FIELDS. */
export const PHI_LABEL = "phi";
/** The label `inference_volume_by_status` groups by: the first digit of `status`. */
export const STATUS_CLASS_LABEL = "status_class";

/** A label value inside double quotes: backslash, quote and newline escaped, nothing pasted raw. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** `metric{namespace="..",model_version_id="..",<extra>}`; with no metric, every series of the scope. */
export function selector(metric: string, scope: Scope, extra: string[] = []): string {
  const matchers = [`namespace="${escapeLabelValue(scope.namespace)}"`];
  if (scope.modelVersionId !== undefined) matchers.push(`model_version_id="${escapeLabelValue(scope.modelVersionId)}"`);
  return `${metric}{${[...matchers, ...extra].join(",")}}`;
}

const increase = (series: string, w: number) => `increase(${series}[${w}s])`;
const perMinute = (query: string, w: number) => `${query} * 60 / ${w}`;

/** `inference_volume`: requests in the window, all statuses; per minute for a range point. */
export function inferenceVolume(scope: Scope, w: number, rate: "per-minute" | "count"): string {
  const count = `sum(${increase(selector(METRIC.requests, scope), w)})`;
  return rate === "per-minute" ? perMinute(count, w) : count;
}

/**
 * `inference_volume_by_status`: as inference_volume, grouped by the first digit of `status`.
 * The regex matches every series, so a status_class label a series may carry never survives;
 * a status not starting with a digit gets no class and only counts in inference_volume.
 */
export function inferenceVolumeByStatusClass(scope: Scope, w: number, rate: "per-minute" | "count"): string {
  const classified = `label_replace(${increase(selector(METRIC.requests, scope), w)}, "${STATUS_CLASS_LABEL}", "$1", "status", "([0-9]?).*")`;
  const count = `sum by (${STATUS_CLASS_LABEL}) (${classified})`;
  return rate === "per-minute" ? perMinute(count, w) : count;
}

/**
 * `error_rate`: 5xx / all. Without 5xx series the numerator is 0, not missing; a window
 * without requests has no value (`> 0` drops it), which the API answers as null.
 */
export function errorRate(scope: Scope, w: number): string {
  const errors = `sum(${increase(selector(METRIC.requests, scope, ['status=~"5.*"']), w)})`;
  const all = `sum(${increase(selector(METRIC.requests, scope), w)})`;
  return `(${errors} or vector(0)) / (${all} > 0)`;
}

/**
 * `*_percentiles`: histogram_quantile(Q/100, sum by (le) (increase(_bucket[w]))) for each Q,
 * as one query (`histogram_quantiles` labels each result with its quantile). A window with no
 * observations has all buckets at 0, for which VictoriaMetrics returns no value: null.
 */
export function percentiles(histogram: Histogram, scope: Scope, w: number): string {
  const buckets = `sum by (le) (${increase(selector(`${histogram}_bucket`, scope), w)})`;
  return `histogram_quantiles("${PHI_LABEL}", ${Object.values(PERCENTILE_FIELDS).join(", ")}, ${buckets})`;
}

/** `average_*`: increase(_sum) / increase(_count); no value (null) when the count did not increase. */
export function average(histogram: Histogram, scope: Scope, w: number): string {
  const sum = `sum(${increase(selector(`${histogram}_sum`, scope), w)})`;
  const count = `sum(${increase(selector(`${histogram}_count`, scope), w)})`;
  return `${sum} / (${count} > 0)`;
}

/** `billable_minutes`: replica-seconds in the window / 60, by instance type. */
export function billableMinutesByInstanceType(scope: Scope, w: number): string {
  return `sum by (instance_type) (${increase(selector(METRIC.replicaSeconds, scope), w)}) / 60`;
}

/** `total_billable_minutes`: replica-seconds in the window / 60, all instance types. */
export function totalBillableMinutes(scope: Scope, w: number): string {
  return `sum(${increase(selector(METRIC.replicaSeconds, scope), w)}) / 60`;
}

/** `replicas`: the last replica count in (t_k - step, t_k], by instance type. */
export function replicas(scope: Scope, step: number): string {
  return `sum by (instance_type) (last_over_time(${selector(METRIC.replicasActive, scope)}[${step}s]))`;
}

/** For `/api/v1/series`: any series of the model version, at any time (NOT_FOUND check). */
export function anySeries(scope: Scope): string {
  return selector("", scope);
}
