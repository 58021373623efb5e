// Inference volume where counters misbehave: a restart (counter reset), missed scrapes, status
// classes outside 2xx/4xx/5xx, a start that is not a multiple of the step, and a long range
// read with a large step. One data set; each query reads it from another angle.
import { expectPointsAt, goldenCase, ts, windowEndingAt } from "../src";

const requestsIn = "model_requests_total";

export default goldenCase({
  name: "inference volume edge cases",
  data({ counter }) {
    const requests = counter(requestsIn);
    requests
      .labels({ status: "200" })
      .inc(ts(15))
      .inc(ts(25))
      .reset(ts(100)) // the proxy restarted: its counter starts again from 0
      .inc(ts(105))
      .inc(ts(115))
      .gap(ts(130), ts(170)) // five scrapes missed; the two requests in between show up at +180
      .inc(ts(140))
      .inc(ts(160));
    requests.labels({ status: "101" }).inc(ts(45)); // 1xx and 3xx count in totals only
    requests.labels({ status: "302" }).inc(ts(45));
  },
  queries: {
    range: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          inference_volume { timestamp value }
          inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
        }
      }`,
      variables: { start: ts(0), end: ts(300) },
      check({ data, truth }) {
        const volume = data.range_model_metrics.inference_volume as Array<{ timestamp: string; value: number }>;
        const status2xx = data.range_model_metrics.inference_volume_by_status as Array<{
          timestamp: string;
          status_2xx: number;
        }>;
        expectPointsAt(volume, ts(0), ts(300), 30);
        expectPointsAt(status2xx, ts(0), ts(300), 30);
        for (const [i, point] of volume.entries()) {
          // What the scrapes show: the gap's two requests land in (150, 180], with the next scrape.
          const [from, to] = windowEndingAt(point.timestamp, 30);
          expect(point.value).toBe(truth.scraped.increase(requestsIn, {}, from, to) * 2);
          expect(status2xx[i]!.status_2xx).toBe(truth.scraped.increase(requestsIn, { status: "200" }, from, to) * 2);
        }
        // Across the gap, nothing is lost: both windows together hold its requests.
        const [at150, at180] = [volume[5]!.value, volume[6]!.value];
        expect((at150 + at180) / 2).toBe(truth.increments(requestsIn, {}, ts(120), ts(180)));
      },
    },
    unaligned_start: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          inference_volume { timestamp value }
        }
      }`,
      // Points land on start + k * step (+5, +35, ...), not on multiples of the step.
      variables: { start: ts(5), end: ts(125) },
      check({ data, truth }) {
        expectPointsAt(data.range_model_metrics.inference_volume, ts(5), ts(125), 30);
        for (const point of data.range_model_metrics.inference_volume) {
          const t = new Date(point.timestamp);
          expect(point.value).toBe(truth.increments(requestsIn, {}, new Date(t.getTime() - 30_000), t) * 2);
        }
      },
    },
    long_range_large_step: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 300) {
          inference_volume { timestamp value }
          inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
        }
      }`,
      variables: { start: ts(0), end: ts(600) },
      check({ data, truth }) {
        expectPointsAt(data.range_model_metrics.inference_volume, ts(0), ts(600), 300);
        // per minute over 5-minute windows: requests / 5
        expect(data.range_model_metrics.inference_volume[1].value).toBeCloseTo(
          truth.increments(requestsIn, {}, ts(0), ts(300)) / 5,
          12,
        );
      },
    },
    instant: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume
          inference_volume_by_status { status_2xx status_4xx status_5xx }
        }
      }`,
      variables: { start: ts(0), end: ts(300) },
      check({ data, truth }) {
        expect(data.instant_model_metrics.inference_volume).toBe(truth.increments(requestsIn, {}, ts(0), ts(300)));
        expect(data.instant_model_metrics.inference_volume_by_status.status_2xx).toBe(
          truth.increments(requestsIn, { status: "200" }, ts(0), ts(300)),
        );
      },
    },
  },
});
