// The seed document's example: three status codes, counted in 30 s windows as requests per minute.
import { expectPointsAt, goldenCase, ts } from "../src";

export default goldenCase({
  name: "inference volume by status",
  scrape: { every: 10, from: ts(-60), to: ts(600) },
  data({ counter }) {
    const requests = counter("model_requests_total");
    requests.labels({ status: "200" }).inc(ts(50)).inc(ts(60)).inc(ts(70)).inc(ts(150));
    requests.labels({ status: "404" }).inc(ts(200)).inc(ts(250));
    requests.labels({ status: "500" }).inc(ts(150));
  },
  queries: {
    range: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
        }
      }`,
      variables: { start: ts(0), end: ts(300) },
      // Each point is the requests of its window (t - 30 s, t], per minute: 2 per request.
      check({ data, truth }) {
        expectPointsAt(data.range_model_metrics.inference_volume_by_status, ts(0), ts(300), 30);
        for (const point of data.range_model_metrics.inference_volume_by_status) {
          const t = new Date(point.timestamp);
          const window = new Date(t.getTime() - 30_000);
          expect(point.status_2xx).toBe(truth.increments("model_requests_total", { status: "200" }, window, t) * 2);
          expect(point.status_4xx).toBe(truth.increments("model_requests_total", { status: "404" }, window, t) * 2);
          expect(point.status_5xx).toBe(truth.increments("model_requests_total", { status: "500" }, window, t) * 2);
        }
      },
    },
  },
});
