// A model version that is deployed (its counters exist) but gets no requests: every point is
// present, counts are 0, and ratios, quantiles and averages are null rather than 0 or NaN.
import { goldenCase, ts } from "../src";

export default goldenCase({
  name: "inference volume with no traffic",
  data({ counter, histogram }) {
    counter("model_requests_total").labels({ status: "200" }); // scraped, never incremented
    histogram("model_inference_duration_seconds"); // scraped, never observed
  },
  queries: {
    range: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 60) {
          inference_volume { timestamp value }
          inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
          error_rate { timestamp value }
          response_time_percentiles { timestamp p50 p99 }
          average_response_time { timestamp value }
        }
      }`,
      variables: { start: ts(0), end: ts(180) },
    },
    instant: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume
          error_rate
          response_time_percentiles { p50 p90 p95 p99 }
          average_response_time
        }
      }`,
      variables: { start: ts(0), end: ts(180) },
    },
  },
});
