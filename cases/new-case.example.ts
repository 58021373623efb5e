// new-case-example: say in one line what this case pins down.
// Written by `npm run new-case -- new-case-example`; README, "Writing a case in five minutes", has the rest.
//
// A case is a small data set and the queries to run on it. Each query is one jest test and one
// entry of its golden file, __golden__/new-case-example.snap.
import { goldenCase, ts, windowEndingAt } from "../src";

export default goldenCase({
  // What jest prints, and what -t selects: npm test -- cases/new-case-example.case.ts -t "new case example range"
  name: "new case example",
  // scrape: { every: 10, from: ts(-60), to: ts(600) },  // optional; this is the default

  // The data set. ts(n) is n seconds after 2024-01-01T00:00:00Z. Every series carries this case's
  // namespace and model_version_id (unique to the run) unless you give your own.
  // Also: gauge(name).set(at, value), histogram(name).observe(at, seconds), .ramp(), .reset(at),
  // .gap(from, to), series('name{a="b"}', "1x10 _x3 0 stale").
  data({ counter }) {
    const requests = counter("model_requests_total");
    requests.labels({ status: "200" }).inc(ts(15)).inc(ts(20)).inc(ts(45), 2);
    requests.labels({ status: "500" }).inc(ts(50));
  },

  queries: {
    // A range query: one point per 30 s window (t - 30 s, t], counted as requests per minute.
    range: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          inference_volume { timestamp value }
        }
      }`,
      variables: { start: ts(0), end: ts(90) }, // model_version_id is filled in
      // Approximate fields may allow a difference, by path pattern ([*]: any index, *: any field).
      // Counts are exact; percentiles and averages already have defaults (DEFAULT_TOLERANCES).
      // tolerance: { "range_model_metrics.inference_volume[*].value": { abs: 0.5 } },

      // An oracle, checked before the golden: a wrong number fails even under update-goldens,
      // so it cannot be blessed into the golden. truth answers from the data above, not from
      // VictoriaMetrics. Optional, and the best part of a case. With a .reset(), a .gap() or a
      // notation series, ask truth.scraped.increase(...): what the scrapes show, as VictoriaMetrics counts it.
      check({ data, truth }) {
        for (const point of data.range_model_metrics.inference_volume) {
          const [from, to] = windowEndingAt(point.timestamp, 30);
          expect(point.value).toBe(truth.increments("model_requests_total", {}, from, to) * 2);
        }
      },
    },

    // An instant query: one number for the whole window (start, end].
    instant: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume
          inference_volume_by_status { status_2xx status_4xx status_5xx }
        }
      }`,
      variables: { start: ts(0), end: ts(60) },
      check({ data, truth }) {
        expect(data.instant_model_metrics.inference_volume).toBe(
          truth.increments("model_requests_total", {}, ts(0), ts(60)),
        );
      },
    },
  },
});
