/** The schema of metrics-api.md §3, verbatim: field names are part of the contract. */
export const TYPE_DEFS = /* GraphQL */ `
  scalar DateTime

  type Query {
    range_model_metrics(model_version_id: ID!, start: DateTime!, end: DateTime!, step_seconds: Int): RangeModelMetrics!
    instant_model_metrics(model_version_id: ID!, start: DateTime!, end: DateTime!): InstantModelMetrics!
    range_billing_metrics(
      start: DateTime!
      end: DateTime!
      step_seconds: Int
      model_version_id: ID
    ): RangeBillingMetrics!
    instant_billing_metrics(start: DateTime!, end: DateTime!, model_version_id: ID): InstantBillingMetrics!
  }

  type RangeModelMetrics {
    inference_volume: [ValuePoint!]!
    inference_volume_by_status: [StatusVolumePoint!]!
    error_rate: [ValuePoint!]!
    response_time_percentiles: [PercentilesPoint!]!
    e2e_response_time_percentiles: [PercentilesPoint!]!
    average_response_time: [ValuePoint!]!
    average_e2e_response_time: [ValuePoint!]!
  }

  type InstantModelMetrics {
    inference_volume: Float!
    inference_volume_by_status: StatusVolume!
    error_rate: Float
    response_time_percentiles: Percentiles!
    e2e_response_time_percentiles: Percentiles!
    average_response_time: Float
    average_e2e_response_time: Float
  }

  type ValuePoint {
    timestamp: DateTime!
    value: Float
  }
  type StatusVolumePoint {
    timestamp: DateTime!
    status_2xx: Float!
    status_4xx: Float!
    status_5xx: Float!
  }
  type StatusVolume {
    status_2xx: Float!
    status_4xx: Float!
    status_5xx: Float!
  }
  type PercentilesPoint {
    timestamp: DateTime!
    p50: Float
    p90: Float
    p95: Float
    p99: Float
  }
  type Percentiles {
    p50: Float
    p90: Float
    p95: Float
    p99: Float
  }

  type RangeBillingMetrics {
    billable_minutes: [InstanceTypeSeries!]!
    replicas: [InstanceTypeSeries!]!
  }
  type InstantBillingMetrics {
    billable_minutes_by_instance_type: [InstanceTypeMinutes!]!
    total_billable_minutes: Float!
  }
  type InstanceTypeSeries {
    instance_type: String!
    points: [ValuePoint!]!
  }
  type InstanceTypeMinutes {
    instance_type: String!
    minutes: Float!
  }
`;

/** The result types whose fields each cost one VictoriaMetrics query (see document-limits.ts). */
export const METRIC_TYPES: ReadonlySet<string> = new Set([
  "RangeModelMetrics",
  "InstantModelMetrics",
  "RangeBillingMetrics",
  "InstantBillingMetrics",
]);

/**
 * The types a range answer has one of per point: a list of them holds as many values per leaf
 * field as the range has points (see answer-size.ts).
 */
export const POINT_TYPES: ReadonlySet<string> = new Set(["ValuePoint", "StatusVolumePoint", "PercentilesPoint"]);
