// Response time (time inside the model): percentiles and the average from
// model_inference_duration_seconds, with Prometheus' default buckets.
import {
  expectPercentilesInTrueBuckets,
  expectPointsAt,
  expectTrueAverage,
  goldenCase,
  ts,
  windowEndingAt,
} from "../src";

const duration = "model_inference_duration_seconds";

export default goldenCase({
  name: "response time",
  data({ histogram }) {
    histogram(duration)
      .observe(ts(15), 0.03, 6) // six fast answers, bucket (0.025, 0.05]
      .observe(ts(25), 0.2, 3) // three slower, bucket (0.1, 0.25]
      .observe(ts(35), 0.7); // one slow, bucket (0.5, 1]
  },
  queries: {
    range: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          response_time_percentiles { timestamp p50 p90 p95 p99 }
          average_response_time { timestamp value }
        }
      }`,
      variables: { start: ts(0), end: ts(90) },
      check({ data, truth }) {
        const { response_time_percentiles: percentiles, average_response_time: averages } = data.range_model_metrics;
        expectPointsAt(percentiles, ts(0), ts(90), 30);
        expectPointsAt(averages, ts(0), ts(90), 30);
        for (const [i, point] of percentiles.entries()) {
          const [from, to] = windowEndingAt(point.timestamp, 30);
          expectPercentilesInTrueBuckets(truth, duration, point, from, to);
          expectTrueAverage(truth, duration, averages[i].value, from, to);
        }
      },
    },
    instant: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          response_time_percentiles { p50 p90 p95 p99 }
          average_response_time
        }
      }`,
      variables: { start: ts(0), end: ts(60) },
      check({ data, truth }) {
        const answer = data.instant_model_metrics;
        expectPercentilesInTrueBuckets(truth, duration, answer.response_time_percentiles, ts(0), ts(60));
        expectTrueAverage(truth, duration, answer.average_response_time, ts(0), ts(60));
      },
    },
  },
});
