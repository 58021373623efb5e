// One model version with both latency histograms, as a deployment has them: the model server's
// inference duration (Prometheus' default buckets) and the proxy's E2E response time (its own
// buckets, and slower: it includes the queue). Each field must read its own histogram; a bucket
// selector that lost its metric name would sum both (and every other series of the model version).
import { expectPercentilesInTrueBuckets, expectTrueAverage, goldenCase, ts, windowEndingAt } from "../src";

const duration = "model_inference_duration_seconds";
const e2e = "model_e2e_response_time_seconds";

export default goldenCase({
  name: "both histograms",
  data({ histogram }) {
    histogram(duration)
      .observe(ts(15), 0.03, 6) // bucket (0.025, 0.05]
      .observe(ts(25), 0.2, 3) // bucket (0.1, 0.25]
      .observe(ts(35), 0.7); // bucket (0.5, 1]
    histogram(e2e, { buckets: [0.1, 0.5, 1, 2, 5] })
      .observe(ts(15), 0.3, 6) // bucket (0.1, 0.5]
      .observe(ts(25), 1.5, 3) // bucket (1, 2]
      .observe(ts(35), 4); // bucket (2, 5]
  },
  queries: {
    // (0, 60], ten observations each. Duration: p50 = 0.025 + 0.025 * 5/6 = 0.0458, p90 = 0.1 + 0.15 * 3/3
    // = 0.25, p95 = 0.5 + 0.5 * 0.5 = 0.75, average 1.48 / 10 = 0.148. E2E: p50 = 0.1 + 0.4 * 5/6 = 0.433,
    // p90 = 1 + 1 * 3/3 = 2, p95 = 2 + 3 * 0.5 = 3.5, average 10.3 / 10 = 1.03.
    instant: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          response_time_percentiles { p50 p90 p95 p99 }
          e2e_response_time_percentiles { p50 p90 p95 p99 }
          average_response_time
          average_e2e_response_time
        }
      }`,
      variables: { start: ts(0), end: ts(60) },
      check({ data, truth }) {
        const answer = data.instant_model_metrics;
        expectPercentilesInTrueBuckets(truth, duration, answer.response_time_percentiles, ts(0), ts(60));
        expectPercentilesInTrueBuckets(truth, e2e, answer.e2e_response_time_percentiles, ts(0), ts(60));
        expectTrueAverage(truth, duration, answer.average_response_time, ts(0), ts(60));
        expectTrueAverage(truth, e2e, answer.average_e2e_response_time, ts(0), ts(60));
      },
    },
    range: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          response_time_percentiles { timestamp p50 p90 p95 p99 }
          e2e_response_time_percentiles { timestamp p50 p90 p95 p99 }
        }
      }`,
      variables: { start: ts(0), end: ts(60) },
      check({ data, truth }) {
        const answer = data.range_model_metrics;
        for (const [histogram, points] of [
          [duration, answer.response_time_percentiles],
          [e2e, answer.e2e_response_time_percentiles],
        ] as const) {
          for (const point of points) {
            expectPercentilesInTrueBuckets(truth, histogram, point, ...windowEndingAt(point.timestamp, 30));
          }
        }
      },
    },
  },
});
