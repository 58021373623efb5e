// Windows at the edges, as dashboards ask them: a request exactly at an instant window's start
// (outside (start, end]) and one exactly at its end (inside); a range that starts 1 s before a
// scrape tick and ends off the step grid; traffic with no 5xx series at all, and a 405.
import { expectPointsAt, goldenCase, ts, windowEndingAt } from "../src";

const range = { start: ts(-1), end: ts(100), step: 30 }; // points at -1, 29, 59, 89: 119 is past the end

export default goldenCase({
  name: "window edges",
  data({ counter }) {
    const requests = counter("model_requests_total");
    requests.labels({ status: "200" }).inc(ts(0)).inc(ts(30)).inc(ts(60)).inc(ts(95));
    requests.labels({ status: "405" }).inc(ts(20)).inc(ts(40));
  },
  queries: {
    instant: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume
          inference_volume_by_status { status_2xx status_4xx status_5xx }
          error_rate
        }
      }`,
      variables: { start: ts(0), end: ts(60) },
      check({ data }) {
        // (0, 60]: the 200s at 30 and 60, the 405s at 20 and 40; not the 200 at 0
        expect(data.instant_model_metrics).toEqual({
          inference_volume: 4,
          inference_volume_by_status: { status_2xx: 2, status_4xx: 2, status_5xx: 0 },
          error_rate: 0, // requests, and no 5xx series at all: 0, not null
        });
      },
    },
    range: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: ${range.step}) {
          inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
          error_rate { timestamp value }
        }
      }`,
      variables: { start: range.start, end: range.end },
      check({ data, truth }) {
        const { inference_volume_by_status: volume, error_rate } = data.range_model_metrics;
        expectPointsAt(volume, range.start, range.end, range.step);
        for (const point of volume) {
          // Every window's ends sit 1 s before a tick, so the ticks see what the events say.
          const [from, to] = windowEndingAt(point.timestamp, range.step);
          const perMinute = (status: string) =>
            (truth.increments("model_requests_total", { status }, from, to) * 60) / range.step;
          expect([point.timestamp, point.status_2xx, point.status_4xx, point.status_5xx]).toEqual([
            point.timestamp,
            perMinute("200"),
            perMinute("405"),
            0,
          ]);
        }
        expect(error_rate.map((p: { value: number | null }) => p.value)).toEqual([null, 0, 0, 0]);
      },
    },
  },
});
