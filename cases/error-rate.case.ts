// Error rate: the share of 5xx among all requests of a window; null when a window has none.
import { expectPointsAt, goldenCase, ts, type Truth, windowEndingAt } from "../src";

const requests = "model_requests_total";

/** The 5xx requests of a window, from the events: the 500 and the 503 series. */
const serverErrors = (truth: Truth, from: Date, to: Date) =>
  truth.increments(requests, { status: "500" }, from, to) + truth.increments(requests, { status: "503" }, from, to);

export default goldenCase({
  name: "error rate",
  data({ counter }) {
    const byStatus = counter(requests);
    byStatus.labels({ status: "200" }).inc(ts(15)).inc(ts(25)).inc(ts(35)).inc(ts(70)).inc(ts(80));
    byStatus.labels({ status: "500" }).inc(ts(45));
    byStatus.labels({ status: "503" }).inc(ts(90)).inc(ts(100)); // any 5xx is an error
    byStatus.labels({ status: "404" }).inc(ts(130)); // a client error is not
  },
  queries: {
    range: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 60) {
          error_rate { timestamp value }
        }
      }`,
      variables: { start: ts(0), end: ts(240) },
      check({ data, truth }) {
        expectPointsAt(data.range_model_metrics.error_rate, ts(0), ts(240), 60);
        for (const point of data.range_model_metrics.error_rate) {
          const [from, to] = windowEndingAt(point.timestamp, 60);
          const all = truth.increments(requests, {}, from, to);
          const errors = serverErrors(truth, from, to);
          if (all === 0) expect(point.value).toBeNull();
          else expect(point.value).toBeCloseTo(errors / all, 12);
        }
      },
    },
    instant: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          error_rate
          inference_volume_by_status { status_2xx status_4xx status_5xx }
        }
      }`,
      variables: { start: ts(0), end: ts(240) },
      check({ data, truth }) {
        const errors = serverErrors(truth, ts(0), ts(240));
        expect(data.instant_model_metrics.inference_volume_by_status.status_5xx).toBe(errors);
        expect(data.instant_model_metrics.error_rate).toBeCloseTo(
          errors / truth.increments(requests, {}, ts(0), ts(240)),
          12,
        );
      },
    },
  },
});
