// The case module bin/bench-suite generates N times: a few counters and a histogram, one range
// and one instant query. Its data and queries live here, once, so that the benchmark's floor
// imports exactly the samples the generated cases build and asks the MetricsQL they cause.
import type { QueryDefinition } from "./case-definition";
import type { SeriesBuilder } from "../series";
import { ts } from "../series/time";

export const RANGE = { start: ts(0), end: ts(300), step: 30 } as const;
export const INSTANT = { start: ts(0), end: ts(300) } as const;

/** Case `i`'s series: request counters of three status classes and a latency histogram. */
export function benchData({ counter, histogram }: Pick<SeriesBuilder, "counter" | "histogram">, i: number): void {
  const requests = counter("model_requests_total");
  const ok = requests.labels({ status: "200" });
  for (let k = 0; k < 5 + (i % 5); k++) ok.inc(ts(10 + 20 * k));
  requests.labels({ status: "404" }).inc(ts(95 + (i % 7) * 10));
  requests.labels({ status: "500" }).inc(ts(150), 1 + (i % 3));
  const latency = histogram("model_inference_duration_seconds", { buckets: [0.05, 0.1, 0.25, 0.5, 1] });
  for (let k = 0; k < 8; k++) latency.observe(ts(15 + 30 * k), 0.03 * (1 + ((i + k) % 9)));
}

export const BENCH_QUERIES: Record<"range" | "instant", QueryDefinition> = {
  range: {
    query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
      range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: ${RANGE.step}) {
        inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
        response_time_percentiles { timestamp p50 p90 p95 p99 }
      }
    }`,
    variables: { start: RANGE.start, end: RANGE.end },
  },
  instant: {
    query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
      instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
        inference_volume
        error_rate
        response_time_percentiles { p50 p90 p95 p99 }
      }
    }`,
    variables: { start: INSTANT.start, end: INSTANT.end },
  },
};

/** The text of generated case module `i`, as a user would write it. */
export function benchCaseSource(i: number): string {
  return `import { goldenCase } from "../src";
import { benchData, BENCH_QUERIES } from "../src/runner/bench-suite-case";

export default goldenCase({
  name: "bench ${i}",
  data: (builder) => benchData(builder, ${i}),
  queries: BENCH_QUERIES,
});
`;
}
