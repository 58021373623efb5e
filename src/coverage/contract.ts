import { METRIC } from "../api/metricsql";

/**
 * How a field reads a metric: a counter, or a histogram's buckets (quantiles) or its sum and
 * count (averages), by its increase; a gauge by its samples.
 */
export type MetricType = "counter" | "buckets" | "sum and count" | "gauge";

/** What one answer group of a field sums: all of its series, or those of one instance type or status class. */
export type GroupBy = "all" | "instance_type" | "status class";

export interface FieldReading {
  /** The metrics the field reads, by name (a histogram by its base name). */
  metrics: Readonly<Record<string, MetricType>>;
  group: GroupBy;
  /** Whether the answer tells statuses apart (by class, or 5xx from the rest). */
  byStatus: boolean;
}

const requests = { [METRIC.requests]: "counter" } as const;
const replicaSeconds = { [METRIC.replicaSeconds]: "counter" } as const;

/**
 * What each metric field of the contract reads and how it groups (metrics-api.md §4), by field
 * name: a range field and its instant twin read alike. The coverage judges a field's data
 * conditions on these series only, and only those that can matter to it (no reset for a gauge,
 * no +Inf bucket for an average); contract.test.ts holds the table against the MetricsQL the
 * reference API sends. A field the contract does not have (a GOLDEN_TARGET's own) is judged on
 * every series of its scope, summed as one group, with every condition.
 */
export const CONTRACT_FIELDS: Readonly<Record<string, FieldReading>> = {
  inference_volume: { metrics: requests, group: "all", byStatus: false },
  inference_volume_by_status: { metrics: requests, group: "status class", byStatus: true },
  error_rate: { metrics: requests, group: "all", byStatus: true },
  response_time_percentiles: { metrics: { [METRIC.inferenceDuration]: "buckets" }, group: "all", byStatus: false },
  average_response_time: { metrics: { [METRIC.inferenceDuration]: "sum and count" }, group: "all", byStatus: false },
  e2e_response_time_percentiles: { metrics: { [METRIC.e2eResponseTime]: "buckets" }, group: "all", byStatus: false },
  average_e2e_response_time: { metrics: { [METRIC.e2eResponseTime]: "sum and count" }, group: "all", byStatus: false },
  billable_minutes: { metrics: replicaSeconds, group: "instance_type", byStatus: false },
  billable_minutes_by_instance_type: { metrics: replicaSeconds, group: "instance_type", byStatus: false },
  total_billable_minutes: { metrics: replicaSeconds, group: "all", byStatus: false },
  replicas: { metrics: { [METRIC.replicasActive]: "gauge" }, group: "instance_type", byStatus: false },
};

/** A histogram's metric types: its series are stored under the base name with `_bucket`, `_sum`, `_count`. */
export const isHistogram = (type: MetricType | undefined) => type === "buckets" || type === "sum and count";

/**
 * The answer group a series falls in, or undefined when the field leaves it out (a status that
 * does not start with a digit has no class). A series without instance_type is listed under "".
 */
export function groupOf(group: GroupBy, labels: Readonly<Record<string, string>>): string | undefined {
  if (group === "instance_type") return labels.instance_type ?? "";
  if (group === "status class") return /^[0-9]/.exec(labels.status ?? "")?.[0];
  return "";
}
