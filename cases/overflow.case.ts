// Two pods whose latency sums each stay finite but add up beyond the largest double (~1.8e308):
// VictoriaMetrics answers +Inf, which neither JSON nor GraphQL's Float can carry. The API reads
// it as no value (README: NaN or ±Inf from VictoriaMetrics), so the average is null, as for a
// window without requests, and never an error or a made-up number.
import { goldenCase, ts } from "../src";

const duration = "model_inference_duration_seconds";

export default goldenCase({
  name: "overflow",
  data({ histogram }) {
    histogram(duration, { labels: { pod: "p1" } }).observe(ts(15), 1e308);
    histogram(duration, { labels: { pod: "p2" } }).observe(ts(25), 1e308);
  },
  queries: {
    average: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          average_response_time
        }
      }`,
      variables: { start: ts(0), end: ts(60) },
      check({ data, truth }) {
        expect(truth.count(duration, {}, ts(0), ts(60))).toBe(2);
        expect(truth.sum(duration, {}, ts(0), ts(60))).toBe(Infinity); // 2e308 is no double
        expect(data.instant_model_metrics.average_response_time).toBeNull();
      },
    },
  },
});
