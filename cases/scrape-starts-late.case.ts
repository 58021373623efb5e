// Series that appear late: scraping starts at ts(45), after the queried range's start. Points
// before the first sample are present (0, or null for ratios), not NOT_FOUND; the first samples
// count as VictoriaMetrics counts them: a small first value from 0 (requests since the proxy
// started), a large one as the base (a replica that ran for ten minutes before it was scraped
// is not billed for them). The oracles ask the scraped view, which knows both.
import { expectPointsAt, goldenCase, ts, windowEndingAt, type Truth } from "../src";

const requests = "model_requests_total";
const replicaSeconds = "model_replica_seconds_total";
const range = { start: ts(0), end: ts(180) };

/** 5xx / all of a window as the scrapes show it, null without requests. */
function scrapedErrorRate(truth: Truth, from: Date, to: Date): number | null {
  const all = truth.scraped.increase(requests, {}, from, to);
  return all === 0 ? null : truth.scraped.increase(requests, { status: "500" }, from, to) / all;
}

export default goldenCase({
  name: "scrape starts late",
  scrape: { every: 10, from: ts(45), to: ts(600) }, // ticks at 45, 55, 65, ...
  data({ counter }) {
    counter(requests, { status: "200" }).inc(ts(45), 2).inc(ts(50)).inc(ts(62)).inc(ts(100)); // 2, 3, 4 at 45, 55, 65
    counter(requests, { status: "500" }).inc(ts(70));
    // 600 replica-seconds before the first scrape, then one replica for 120 s: 600, 610, ..., 720 at 165
    counter(replicaSeconds, { instance_type: "A10G" }).inc(ts(45), 600).ramp(ts(45), ts(165), 1);
  },
  queries: {
    range: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          inference_volume { timestamp value }
          inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
          error_rate { timestamp value }
        }
      }`,
      variables: range,
      check({ data, truth }) {
        const { inference_volume: volume, inference_volume_by_status: byStatus, error_rate } = data.range_model_metrics;
        for (const points of [volume, byStatus, error_rate]) expectPointsAt(points, range.start, range.end, 30);
        for (const [k, point] of volume.entries()) {
          const [from, to] = windowEndingAt(point.timestamp, 30);
          const perMinute = (status: string | undefined) =>
            truth.scraped.increase(requests, status ? { status } : {}, from, to) * 2;
          expect([point.timestamp, point.value, byStatus[k].status_2xx, byStatus[k].status_5xx]).toEqual([
            point.timestamp,
            perMinute(undefined),
            perMinute("200"),
            perMinute("500"),
          ]);
          expect(error_rate[k].value).toBe(scrapedErrorRate(truth, from, to));
        }
        // per minute 0, 0, 6, 4, 2, 0, 0 (requests 3, 2, 1 in (30, 60], (60, 90], (90, 120]; one 500 at 70);
        // error rate null, null, 0, 0.5, 0, null, null. (30, 60] holds the first samples, 2 and 3: 2 < 10 * (|3 - 2| + 1), so counted from 0, as the events say
        expect(volume[2].value).toBe(truth.increments(requests, {}, ts(30), ts(60)) * 2);
      },
    },
    instant: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume
          inference_volume_by_status { status_2xx status_4xx status_5xx }
          error_rate
        }
      }`,
      variables: range,
      check({ data, truth }) {
        expect(data.instant_model_metrics).toEqual({
          inference_volume: truth.scraped.increase(requests, {}, range.start, range.end),
          inference_volume_by_status: {
            status_2xx: truth.scraped.increase(requests, { status: "200" }, range.start, range.end),
            status_4xx: 0,
            status_5xx: truth.scraped.increase(requests, { status: "500" }, range.start, range.end),
          },
          error_rate: scrapedErrorRate(truth, range.start, range.end),
        });
      },
    },
    before_first_scrape: {
      // The model version exists (it has series), but none has a sample in (0, 30]: 0, not NOT_FOUND.
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume
          error_rate
        }
      }`,
      variables: { start: ts(0), end: ts(30) },
      check({ data, errors }) {
        expect(errors).toBeUndefined();
        expect(data.instant_model_metrics).toEqual({ inference_volume: 0, error_rate: null });
      },
    },
    billing: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_billing_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 60) {
          billable_minutes { instance_type points { timestamp value } }
        }
        instant_billing_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          total_billable_minutes
        }
      }`,
      variables: range,
      check({ data, truth }) {
        const [a10g] = data.range_billing_metrics.billable_minutes;
        expectPointsAt(a10g.points, range.start, range.end, 60);
        // (0, 60]: 610 - 600 = 10 s, the base being the first sample; then 670 - 610 = 60 s and 720 - 670 = 50 s
        for (const point of a10g.points) {
          const seconds = truth.scraped.increase(replicaSeconds, {}, ...windowEndingAt(point.timestamp, 60));
          expect(point.value).toBeCloseTo(seconds / 60, 12);
        }
        // The 600 s before the first scrape are not billed: 720 - 600 = 120 s (2 minutes), where the events say 720.
        const total = truth.scraped.increase(replicaSeconds, {}, range.start, range.end);
        expect(data.instant_billing_metrics.total_billable_minutes).toBe(total / 60);
      },
    },
  },
});
