// bin/bench-api: what the API adds to a range query, against the same MetricsQL sent directly.
// Run: bin/bench-api [iterations]   (default 500 per path and scenario)
import "./node-env"; // first: before graphql loads
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { createSeriesSet } from "../series";
import type { VmClient } from "../vm/client";
import { median } from "../vm/median";
import { VictoriaMetrics } from "../vm/server";
import { checkRange } from "./arguments";
import { RANGE_MODEL_METRICS, type Upstream } from "./fields";
import { METRIC } from "./metricsql";
import { createMetricsApi } from "./server";

const START = Date.UTC(2024, 0, 1) / 1000;
const END = START + 3_600;
const STEP = 60;
const WARMUP = 50;
const SCOPE = { namespace: "bench", modelVersionId: "bench-model" };
const KEY = "bench-key";

const SCENARIOS = [
  { name: "inference_volume, 1 h at 60 s", fields: ["inference_volume"] },
  { name: "all 7 range fields, 1 h at 60 s", fields: Object.keys(RANGE_MODEL_METRICS) },
];

/** An hour of traffic and latencies for one model version, scraped every 15 s. */
async function load(client: VmClient): Promise<void> {
  const at = (s: number) => new Date(s * 1000);
  const set = createSeriesSet({
    scrape: { every: 15, from: at(START - 600), to: at(END) },
    commonLabels: { namespace: SCOPE.namespace, model_version_id: SCOPE.modelVersionId },
  });
  for (const [status, rps] of [
    ["200", 10],
    ["404", 0.1],
    ["500", 0.1],
  ] as const)
    set.counter("model_requests_total", { status }).ramp(at(START - 600), at(END), rps);
  for (const name of [METRIC.inferenceDuration, METRIC.e2eResponseTime]) {
    const histogram = set.histogram(name);
    for (let t = START - 600; t <= END; t += 15) histogram.observe(at(t), 0.05 + (t % 7) / 20, 150);
  }
  await set.ingest(client);
}

/**
 * The floor any HTTP service in front of VictoriaMetrics pays: a bare Node server that runs the
 * same queries and answers their JSON. What the API adds beyond this is its GraphQL work.
 */
async function bareHop(
  run: () => Promise<unknown>,
): Promise<{ server: Server; url: string; setRun(r: typeof run): void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", async () =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(await run())),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, setRun: (r) => void (run = r) };
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

const selectionOf = (field: string) =>
  field.includes("percentiles")
    ? `${field} { timestamp p50 p90 p95 p99 }`
    : field === "inference_volume_by_status"
      ? `${field} { timestamp status_2xx status_4xx status_5xx }`
      : `${field} { timestamp value }`;

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 500);
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new Error(`iterations must be a positive whole number; got ${process.argv[2]}`);
  const vm = await VictoriaMetrics.start();
  const api = await createMetricsApi({ vm: vm.endpoints, keys: { [KEY]: SCOPE.namespace } });
  const hop = await bareHop(async () => undefined);
  try {
    await load(vm.client);
    const window = checkRange(START, END, STEP);
    // Directly: the very queries the API sends, through the same client, all at once as the API does.
    const direct: Upstream = {
      range: (q, r) => vm.client.queryRange(q, r.start, r.end, r.step),
      instant: (q, w) => vm.client.query(q, w.end),
    };
    const loadAverage = loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
    console.log(
      `${iterations} runs per path after ${WARMUP} warm-up runs; ${cpus().length} CPUs, load average ${loadAverage}\n`,
    );
    console.log("scenario                          API median  direct median  added by the API  (bare HTTP hop)");
    for (const scenario of SCENARIOS) {
      const query = `{ range_model_metrics(model_version_id: "${SCOPE.modelVersionId}", start: "2024-01-01T00:00:00Z",
        end: "2024-01-01T01:00:00Z", step_seconds: ${STEP}) { ${scenario.fields.map(selectionOf).join(" ")} } }`;
      const viaApi = async () => {
        const response = await fetch(api.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { errors?: unknown };
        if (body.errors) throw new Error(`the API answered errors: ${JSON.stringify(body.errors)}`);
      };
      const viaVm = () => Promise.all(scenario.fields.map((f) => RANGE_MODEL_METRICS[f]!(direct, SCOPE, window)));
      hop.setRun(viaVm);
      const viaHop = async () => (await fetch(hop.url, { method: "POST", body: query })).json();
      const paths = [viaApi, viaVm, viaHop];
      for (let i = 0; i < WARMUP; i++) for (const run of paths) await run();
      const ms: number[][] = paths.map(() => []);
      // Interleaved, so that drift (GC, CPU frequency, other load) hits every path alike.
      for (let i = 0; i < iterations; i++) for (const [k, run] of paths.entries()) ms[k]!.push(await time(run));
      const [a, d, h] = ms.map(median) as [number, number, number];
      const cell = (v: number, width: number) => `${v.toFixed(2)} ms`.padStart(width);
      console.log(
        `${scenario.name.padEnd(32)}${cell(a, 12)}${cell(d, 15)}${cell(a - d, 18)}  (${(h - d).toFixed(2)} ms)`,
      );
    }
  } finally {
    hop.server.close();
    await api.close();
    await vm.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
