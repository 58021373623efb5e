import { randomUUID } from "node:crypto";
import { runVm } from "../run/context";
import { createSeriesSet, type SeriesSet } from "./series-set";
import { TIME_BASE, ts } from "./time";

const client = runVm();

// Each test writes under its own namespace and model version, so tests share one server unseen;
// they delete what they wrote, for a server the suite does not own (VM_URL).
const namespaces: string[] = [];
afterAll(() => client.deleteSeries(namespaces.map((ns) => `{namespace="${ns}"}`)));

function newCase() {
  const labels = { namespace: randomUUID(), model_version_id: randomUUID() };
  namespaces.push(labels.namespace);
  const selector = `namespace="${labels.namespace}",model_version_id="${labels.model_version_id}"`;
  return { set: createSeriesSet({ commonLabels: labels }), selector };
}
const seconds = (unix: number) => unix - TIME_BASE.getTime() / 1000;

test("the seed's counter example reproduces the seed's table exactly", async () => {
  const { set, selector } = newCase();
  const requests = set.counter("model_requests_total");
  requests.labels({ status: "200" }).inc(ts(50)).inc(ts(60)).inc(ts(70)).inc(ts(150));
  requests.labels({ status: "404" }).inc(ts(200)).inc(ts(250));
  requests.labels({ status: "500" }).inc(ts(150));
  await set.ingest(client);

  const result = await client.queryRange(
    `sum by (status) (increase(model_requests_total{${selector}}[30s])) * 2`,
    ts(0),
    ts(300),
    30,
  );
  const byStatus = Object.fromEntries(result.map((s) => [s.metric.status, new Map(s.values)]));
  const table = result[0]!.values.map(([t]) => [
    seconds(t),
    ...["200", "404", "500"].map((status) => byStatus[status]!.get(t)),
  ]);
  expect(table).toEqual([
    [0, 0, 0, 0],
    [30, 0, 0, 0],
    [60, 4, 0, 0], // status="200" @ 50, 60
    [90, 2, 0, 0], // status="200" @ 70
    [120, 0, 0, 0],
    [150, 2, 0, 2], // status="200" @ 150; status="500" @ 150
    [180, 0, 0, 0],
    [210, 0, 2, 0], // status="404" @ 200
    [240, 0, 0, 0],
    [270, 0, 2, 0], // status="404" @ 250
    [300, 0, 0, 0],
  ]);
});

test("histogram_quantile lies inside the truth's bucket for p50, p90 and p99 over several windows", async () => {
  const { set, selector } = newCase();
  const latency = set.histogram("e2e_latency_seconds");
  // A fixed pseudo-random stream: observations at any instant, values across all buckets.
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 600; i++) {
    const route = latency.labels({ route: i % 3 === 0 ? "a" : "b" });
    route.observe(ts(-60 + random() * 660), 0.001 * Math.exp(random() * 10), 1 + Math.floor(random() * 3));
  }
  await set.ingest(client);

  for (const [window, end] of [
    [60, 60],
    [60, 300],
    [120, 450],
    [300, 600],
    [600, 540],
  ] as const) {
    for (const q of [0.5, 0.9, 0.99]) {
      const query = `histogram_quantile(${q}, sum by (le) (increase(e2e_latency_seconds_bucket{${selector}}[${window}s])))`;
      const [answer] = await client.query(query, ts(end));
      const truth = set.truth.quantile("e2e_latency_seconds", {}, ts(end - window), ts(end), q)!;
      const [lower, upper] = truth.bucket;
      const got = answer!.value[1];
      expect({ query, end, got, inBucket: got >= lower && got <= upper }).toEqual({ query, end, got, inBucket: true });
      // and exactly what the truth's interpolation says, to float noise
      expect({ query, end, got: Number(got.toPrecision(10)) }).toEqual({
        query,
        end,
        got: Number(truth.interpolated.toPrecision(10)),
      });
    }
  }
});

test("a reset counter's increase equals the truth's count of increments", async () => {
  const { set, selector } = newCase();
  set
    .counter("model_restarts_total")
    .inc(ts(10), 3)
    .inc(ts(20))
    .reset(ts(30))
    .inc(ts(30), 2)
    .inc(ts(40))
    .inc(ts(95), 40)
    .reset(ts(125))
    .inc(ts(127), 5)
    .ramp(ts(200), ts(220), 0.5)
    .reset(ts(230))
    .ramp(ts(230), ts(260), 0.5);
  await set.ingest(client);

  const [series] = await client.queryRange(`increase(model_restarts_total{${selector}}[60s])`, ts(60), ts(300), 30);
  const increases = series!.values.map(([t, v]) => [seconds(t), v]);
  const truth = increases.map(([t]) => [t, set.truth.increments("model_restarts_total", {}, ts(t! - 60), ts(t!))]);
  expect(increases).toEqual(truth);
  expect(truth.map(([, n]) => n)).toEqual([7, 1, 40, 45, 5, 5, 15, 20, 10]);
});

// Limits of any scrape, which the truth (counting events) does not share: case authors should
// keep them out of cases whose oracle is the truth.
describe("VictoriaMetrics' increase differs from the truth", () => {
  test("when increments fall between the last tick before a reset and the reset: no scrape saw them", async () => {
    const { set, selector } = newCase();
    set.counter("c").inc(ts(5), 10).inc(ts(25), 10).reset(ts(30));
    await set.ingest(client);
    const [answer] = await client.query(`increase(c{${selector}}[60s])`, ts(60));
    expect([answer!.value[1], set.truth.increments("c", {}, ts(0), ts(60))]).toEqual([10, 20]);
  });

  test("when a reset drops the counter by less than an eighth: VictoriaMetrics takes it for jitter", async () => {
    const { set, selector } = newCase();
    set.counter("c").inc(ts(10), 100).reset(ts(30)).inc(ts(30), 95);
    await set.ingest(client);
    const [answer] = await client.query(`increase(c{${selector}}[60s])`, ts(60));
    expect([answer!.value[1], set.truth.increments("c", {}, ts(0), ts(60))]).toEqual([100, 195]);
  });
});

test("what VictoriaMetrics stores is what toJsonLines says, gaps and all", async () => {
  const { set, selector } = newCase();
  set.counter("c").inc(ts(0)).reset(ts(100)).inc(ts(100), 3).gap(ts(200), ts(250));
  set.gauge("g", { kind: "x" }).set(ts(35), 2.5).set(ts(300), -1);
  set
    .histogram("h", { buckets: [0.25, 1] })
    .observe(ts(10), 0.5, 2)
    .observe(ts(500), 3);
  set.series('s{instance_type="A10G"}', "2x30 0x10 _x3 1");
  await set.ingest(client);

  const stored = await client.export([`{${selector}}`]);
  const key = (l: { metric: Record<string, string> }) => JSON.stringify(Object.entries(l.metric).sort());
  const sorted = <T extends { metric: Record<string, string> }>(lines: T[]) =>
    [...lines].sort((x, y) => key(x).localeCompare(key(y)));
  expect(sorted(stored)).toEqual(sorted(set.toJsonLines()));
});

describe("stale", () => {
  async function ingestStaleAndGap(set: SeriesSet) {
    set.series("replicas", "3 3 stale 3");
    set.series("replicas_gap", "3 3 _ 3");
    await set.ingest(client);
  }

  test("is stored as a staleness marker, which VictoriaMetrics exports as null", async () => {
    const { set, selector } = newCase();
    await ingestStaleAndGap(set);
    const [line] = await client.export([`replicas{${selector}}`]);
    expect(line!.values).toEqual([3, 3, null, 3]);
    expect(line!.timestamps).toEqual([-60, -50, -40, -30].map((s) => ts(s).getTime()));
  });

  test("ends the series at once for a plain selector, where a missing sample does not", async () => {
    const { set, selector } = newCase();
    await ingestStaleAndGap(set);
    expect(await client.query(`replicas{${selector}}`, ts(-40))).toEqual([]);
    expect((await client.query(`replicas_gap{${selector}}`, ts(-40))).map((s) => s.value[1])).toEqual([3]);
  });

  test("is skipped by rollup functions, like a missing sample", async () => {
    const { set, selector } = newCase();
    await ingestStaleAndGap(set);
    for (const name of ["replicas", "replicas_gap"]) {
      const [count] = await client.query(`count_over_time(${name}{${selector}}[1m])`, ts(-30));
      expect([name, count!.value[1]]).toEqual([name, 3]);
    }
  });
});
