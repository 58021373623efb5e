// Quantiles at the ends of a histogram: in the first bucket, histogram_quantile interpolates up
// from 0; in the +Inf bucket it can only answer the largest finite bound (10 s with the default
// buckets), however slow the requests were. A reviewer reading a p99 of 10 should know that.
import { expectPercentilesInTrueBuckets, expectTrueAverage, goldenCase, ts } from "../src";

const duration = "model_inference_duration_seconds";

export default goldenCase({
  name: "latency at the bucket edges",
  data({ histogram }) {
    histogram(duration)
      .observe(ts(15), 0.001, 5) // below the first bound, 0.005
      .observe(ts(25), 20, 5); // above the last finite bound, 10
  },
  queries: {
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
        expect(answer.response_time_percentiles.p99).toBe(10); // not 20: the buckets cannot tell
        expectTrueAverage(truth, duration, answer.average_response_time, ts(0), ts(60)); // the average can
      },
    },
  },
});
