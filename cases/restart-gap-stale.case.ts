// What scrapes cannot see, pinned where a dashboard shows it: the proxy restarts between two
// scrapes and takes two requests with it; three missed scrapes hold two requests back until the
// next one; zone b's exporter goes away and Prometheus writes a staleness marker for its replicas.
// Each oracle is one call to the scraped view, where the events alone would be wrong.
import { expectPointsAt, goldenCase, ts, windowEndingAt } from "../src";

const requests = "model_requests_total";
const replicas = "model_replicas_active";
const range = { start: ts(0), end: ts(240) };

export default goldenCase({
  name: "restart, gap and staleness marker",
  data({ counter, gauge, series }) {
    counter(requests, { status: "200" })
      .inc(ts(5))
      .inc(ts(15))
      .inc(ts(25))
      .inc(ts(40))
      .inc(ts(70)) // 5 at the tick at 90
      .inc(ts(92))
      .inc(ts(95)) // 7, which no tick sees:
      .reset(ts(98)) // the proxy restarts
      .inc(ts(99)) // 1 at 100: VictoriaMetrics counts it, not the two before the restart
      .inc(ts(110))
      .gap(ts(130), ts(150)) // scrapes at 130, 140, 150 missed:
      .inc(ts(135))
      .inc(ts(145)); // both show first at 160
    gauge(replicas, { instance_type: "A10G", zone: "a" }).set(ts(-60), 2);
    // One replica from ts(-60) to ts(90); at 100 the exporter is gone: a staleness marker, no sample after.
    series(`${replicas}{instance_type="A10G",zone="b"}`, "1x15 stale");
  },
  queries: {
    volume: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          inference_volume { timestamp value }
        }
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume
        }
      }`,
      variables: range,
      check({ data, truth }) {
        const volume = data.range_model_metrics.inference_volume;
        expectPointsAt(volume, range.start, range.end, 30);
        // per minute 0, 6, 2, 2, 4, 0, 4, 0, 0: (90, 120] counts 1 + 1 of 4 requests (the base 5, then 1 and 2
        // after the reset); (120, 150] has no sample; (150, 180] gets the gap's 2 (4 at 160 from 2 at 120)
        for (const point of volume) {
          const perMinute = truth.scraped.increase(requests, {}, ...windowEndingAt(point.timestamp, 30)) * 2;
          expect([point.timestamp, point.value]).toEqual([point.timestamp, perMinute]);
        }
        // 9: of the 11 requests made, the two between the tick at 90 and the restart are lost to every scrape
        expect(data.instant_model_metrics.inference_volume).toBe(
          truth.scraped.increase(requests, {}, range.start, range.end),
        );
      },
    },
    replicas: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_billing_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 60) {
          replicas { instance_type points { timestamp value } }
        }
      }`,
      variables: range,
      check({ data, truth }) {
        const [a10g] = data.range_billing_metrics.replicas;
        expectPointsAt(a10g.points, range.start, range.end, 60);
        for (const point of a10g.points) {
          // 3, 3, 3, 2, 2: last_over_time skips the marker, so zone b still counts at 120 (its samples at 70..90)
          const running = truth.scraped.last(
            replicas,
            { instance_type: "A10G" },
            ...windowEndingAt(point.timestamp, 60),
          );
          expect([point.timestamp, point.value]).toEqual([point.timestamp, running ?? 0]);
        }
      },
    },
  },
});
