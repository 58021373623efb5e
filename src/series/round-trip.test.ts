import { randomUUID } from "node:crypto";
import { runVm } from "../run/context";
import type { Counter } from "./counter";
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

// Limits of any scrape, which the truth (counting events) does not share and its scraped view
// knows: oracles of such windows ask truth.scraped.
describe("VictoriaMetrics' increase differs from the truth, as the scraped view says", () => {
  // [answer, truth.increments, truth.scraped.increase] over (0, 60]
  test.each<[string, (c: Counter) => Counter, number[]]>([
    [
      "when increments fall between the last tick before a reset and the reset: no scrape saw them",
      (c) => c.inc(ts(5), 10).inc(ts(25), 10).reset(ts(30)),
      [10, 20, 10],
    ],
    [
      "when a reset drops the counter by less than an eighth: VictoriaMetrics takes it for a partial reset",
      (c) => c.inc(ts(10), 100).reset(ts(30)).inc(ts(30), 95),
      [100, 195, 100],
    ],
  ])("%s", async (_, build, expected) => {
    const { set, selector } = newCase();
    build(set.counter("c"));
    await set.ingest(client);
    const [answer] = await client.query(`increase(c{${selector}}[60s])`, ts(60));
    const { truth } = set;
    expect([
      answer!.value[1],
      truth.increments("c", {}, ts(0), ts(60)),
      truth.scraped.increase("c", {}, ts(0), ts(60)),
    ]).toEqual(expected);
  });
});

test("the scraped view answers what VictoriaMetrics answers for increase, rate and last_over_time, over counters with resets, gaps, late starts and staleness markers", async () => {
  const { set, selector } = newCase();
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const at = (from: number, to: number) => ts(from + random() * (to - from));
  for (let n = 0; n < 6; n++) {
    const c = set.counter("c", { n: String(n) });
    for (let i = 0; i < 40; i++) c.inc(at(-60, 600), 1 + Math.floor(random() * 3));
    for (let i = 0; i < n % 3; i++) c.reset(at(-60, 600));
    if (n % 2 === 1) {
      const from = -60 + random() * 500;
      c.gap(ts(from), ts(from + random() * 150));
    }
  }
  // A partial reset; a counter that ran before its first scrape; a gap longer than a query's lookbehind.
  set.counter("c", { n: "partial" }).inc(ts(100), 100).reset(ts(105)).inc(ts(106), 95).inc(ts(200), 3);
  set.counter("c", { n: "late" }).inc(ts(-60), 1000).ramp(ts(150), ts(400), 2).gap(ts(-60), ts(200));
  set.counter("c", { n: "late-small" }).inc(ts(195), 12).inc(ts(205), 3).gap(ts(-60), ts(195)); // 12 at 200, 15 at 210
  set.counter("c", { n: "long-gap" }).ramp(ts(-60), ts(600), 1).gap(ts(100), ts(480));
  set.series(`c{n="stale"}`, "1+1x9 stale _x3 20+1x10 stale 40 41 42");
  await set.ingest(client);

  const series = ["0", "1", "2", "3", "4", "5", "partial", "late", "late-small", "long-gap", "stale"];
  const views = { increase: "increase", rate: "rate", last_over_time: "last" } as const;
  const compared: Array<{ fn: string; n: string; window: number; end: number; vm?: number; view?: number }> = [];
  let refused = 0;
  const view = (fn: keyof typeof views, n: string, window: number, end: number) => {
    try {
      return set.truth.scraped[views[fn]]("c", { n }, ts(end - window), ts(end));
    } catch (e) {
      if (!/depends on the query that asks it/.test(String(e))) throw e;
      refused++;
      return "refused" as const;
    }
  };
  // A sum counts a series without a value as 0: increase and rate answer 0 for no value, last undefined.
  const missing = (fn: keyof typeof views) => (fn === "last_over_time" ? undefined : 0);
  for (const fn of Object.keys(views) as Array<keyof typeof views>) {
    for (const window of [5, 30, 60, 300]) {
      const instants = [35, 205, 333, 485, 600].map(async (end) => {
        const answer = await client.query(`${fn}(c{${selector}}[${window}s])`, ts(end));
        return { end, byN: new Map(answer.map((a) => [a.metric.n!, a.value[1]])) };
      });
      const range = client.queryRange(`${fn}(c{${selector}}[${window}s])`, ts(-1), ts(600), 30).then((answer) => {
        const ends = Array.from({ length: 21 }, (_, k) => -1 + 30 * k);
        return ends.map((end) => ({
          end,
          byN: new Map(
            answer.flatMap((a) => a.values.filter(([t]) => seconds(t) === end).map(([, v]) => [a.metric.n!, v])),
          ),
        }));
      });
      for (const { end, byN } of [...(await Promise.all(instants)), ...(await range)]) {
        for (const n of series) {
          const expected = view(fn, n, window, end);
          if (expected === "refused") continue;
          compared.push({ fn, n, window, end, vm: byN.get(n) ?? missing(fn), view: expected });
        }
      }
    }
  }
  expect(compared.filter((c) => c.vm !== c.view)).toEqual([]);
  // Most windows have one answer; the refusals are the long gap's and the late counters' edges.
  expect(compared.length).toBeGreaterThan(refused * 10);
});

test("a window after a gap longer than a query's lookbehind has two answers, so the scraped view refuses it", async () => {
  const { set, selector } = newCase();
  set.counter("c").ramp(ts(-60), ts(600), 1).gap(ts(100), ts(480)); // 150 at 90, then 550 at 490
  await set.ingest(client);
  const query = `increase(c{${selector}}[10s])`;
  // An instant query fetches 10 minutes back and finds the base at 90; a range starting at 490, 5 min 10 s back, finds none.
  const [instant] = await client.query(query, ts(490));
  const [range] = await client.queryRange(query, ts(490), ts(500), 10);
  expect([instant!.value[1], range!.values[0]![1]]).toEqual([550 - 150, 0]);
  expect(() => set.truth.scraped.increase("c", {}, ts(480), ts(490))).toThrow(/depends on the query that asks it/);
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
