// E2E response time as the seed's test_beefeater_latency checks it: one data set, read as
// instant percentiles, an instant average, and range percentiles. Custom buckets, as a proxy
// that measures whole requests would configure them.
import {
  expectPercentilesInTrueBuckets,
  expectPointsAt,
  expectTrueAverage,
  goldenCase,
  ts,
  windowEndingAt,
} from "../src";

const e2e = "model_e2e_response_time_seconds";

export default goldenCase({
  name: "e2e latency",
  data({ histogram }) {
    histogram(e2e, { buckets: [0.1, 0.5, 1, 2, 5] })
      .observe(ts(20), 0.3, 4) // bucket (0.1, 0.5]
      .observe(ts(50), 1.5, 4) // bucket (1, 2]
      .observe(ts(80), 4, 2); // bucket (2, 5]
  },
  queries: {
    instant_percentiles: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          e2e_response_time_percentiles { p50 p90 p95 p99 }
        }
      }`,
      variables: { start: ts(0), end: ts(90) },
      check({ data, truth }) {
        expectPercentilesInTrueBuckets(
          truth,
          e2e,
          data.instant_model_metrics.e2e_response_time_percentiles,
          ts(0),
          ts(90),
        );
      },
    },
    instant_average: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          average_e2e_response_time
        }
      }`,
      variables: { start: ts(0), end: ts(90) },
      check({ data, truth }) {
        expectTrueAverage(truth, e2e, data.instant_model_metrics.average_e2e_response_time, ts(0), ts(90));
      },
    },
    range_percentiles: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          e2e_response_time_percentiles { timestamp p50 p90 p95 p99 }
        }
      }`,
      variables: { start: ts(0), end: ts(90) },
      check({ data, truth }) {
        expectPointsAt(data.range_model_metrics.e2e_response_time_percentiles, ts(0), ts(90), 30);
        for (const point of data.range_model_metrics.e2e_response_time_percentiles) {
          expectPercentilesInTrueBuckets(truth, e2e, point, ...windowEndingAt(point.timestamp, 30));
        }
      },
    },
  },
});
