import { randomUUID } from "node:crypto";
import type { JsonLine } from "./client";
import { runVm } from "../run/context";

// The seed document's example, straight against VictoriaMetrics with hand-made samples:
// counters scraped every 10 s from +0 to +600 s; each request adds 1 at its scrape tick.
const T0 = Date.UTC(2024, 0, 1) / 1000;
const EVENTS: Record<string, number[]> = { "200": [50, 60, 70, 150], "404": [200, 250], "500": [150] };

function scrapedCounter(labels: Record<string, string>, incrementsAt: number[]): JsonLine {
  const ticks = Array.from({ length: 61 }, (_, k) => k * 10);
  return {
    metric: { __name__: "model_requests_total", ...labels },
    values: ticks.map((t) => incrementsAt.filter((at) => at <= t).length),
    timestamps: ticks.map((t) => (T0 + t) * 1000),
  };
}

test("the seed's counters give the seed's table: increase over 30 s windows, per minute, by status", async () => {
  const vm = runVm();
  const scope = { namespace: `ns-${randomUUID()}`, model_version_id: randomUUID() };
  await vm.importJsonLines(Object.entries(EVENTS).map(([status, at]) => scrapedCounter({ ...scope, status }, at)));
  await vm.flush();

  const selector = `model_requests_total{namespace="${scope.namespace}",model_version_id="${scope.model_version_id}"}`;
  const result = await vm.queryRange(`sum by (status) (increase(${selector}[30s])) * 2`, T0, T0 + 300, 30);

  const perMinute = (status: string) =>
    Object.fromEntries(result.find((s) => s.metric.status === status)!.values.map(([t, v]) => [t - T0, v]));
  const zeros = Object.fromEntries(Array.from({ length: 11 }, (_, k) => [k * 30, 0]));
  expect(perMinute("200")).toEqual({ ...zeros, 60: 4, 90: 2, 150: 2 });
  expect(perMinute("404")).toEqual({ ...zeros, 210: 2, 270: 2 });
  expect(perMinute("500")).toEqual({ ...zeros, 150: 2 });
});
