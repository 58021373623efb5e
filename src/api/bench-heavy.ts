// What heavy answers cost the API: one large document (time, bytes, RSS, /healthz latency while
// it runs), four at once, and a bounded load run of concurrent clients on loopback.
// Run: node --require tsx/cjs src/api/bench-heavy.ts [seconds of the load run, default 20] [clients, default 8]
//
// The API runs as `npm run serve` runs it (a child process on VM_URL), so the RSS read from
// /proc is the API's alone, and /healthz is timed from this process while the child works.
import "./node-env"; // first: before graphql loads
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { createSeriesSet } from "../series";
import { VictoriaMetrics, type RunningVm } from "../vm/server";
import { formatDateTime } from "./datetime";
import { METRIC } from "./metricsql";

const STEP = 60;
const POINTS = 11_000;
const START = Date.UTC(2024, 0, 1) / 1000;
const END = START + (POINTS - 1) * STEP;
const SCOPE = { namespace: "bench", modelVersionId: "bench-model" };
const KEY = "bench-key";

/** `aliases` copies of response_time_percentiles with all five leaves, over `points` points. */
function percentilesDocument(aliases: number, points: number): string {
  const fields = Array.from(
    { length: aliases },
    (_, i) => `p${i}: response_time_percentiles { timestamp p50 p90 p95 p99 }`,
  );
  return `{ range_model_metrics(model_version_id: "${SCOPE.modelVersionId}", start: "${formatDateTime(START)}",
    end: "${formatDateTime(START + (points - 1) * STEP)}", step_seconds: ${STEP}) { ${fields.join(" ")} } }`;
}

const SCENARIOS = {
  /** The issue's document: 50 aliases x 11,000 points x 5 leaves = 2,750,000 values. */
  issue: percentilesDocument(50, POINTS),
  /** The heaviest the contract allows: 4 aliases x 10,000 points x 5 leaves = 200,000 values. */
  heaviestAllowed: percentilesDocument(4, 10_000),
  /** What a dashboard asks: the last hour of all seven range fields at 60 s. */
  dashboard: `{ range_model_metrics(model_version_id: "${SCOPE.modelVersionId}", start: "${formatDateTime(END - 3_600)}",
    end: "${formatDateTime(END)}", step_seconds: 60) {
      inference_volume { timestamp value } inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
      error_rate { timestamp value } response_time_percentiles { timestamp p50 p90 p95 p99 }
      e2e_response_time_percentiles { timestamp p50 p90 p95 p99 } average_response_time { timestamp value }
      average_e2e_response_time { timestamp value } } }`,
};

/** 11,000 minutes of traffic and latencies for one model version, scraped every minute. */
async function load(vm: RunningVm): Promise<void> {
  const at = (s: number) => new Date(s * 1000);
  const set = createSeriesSet({
    scrape: { every: STEP, from: at(START - STEP), to: at(END) },
    commonLabels: { namespace: SCOPE.namespace, model_version_id: SCOPE.modelVersionId },
  });
  set.counter("model_requests_total", { status: "200" }).ramp(at(START - STEP), at(END), 10);
  for (const name of [METRIC.inferenceDuration, METRIC.e2eResponseTime]) {
    const histogram = set.histogram(name);
    for (let t = START; t <= END; t += STEP) histogram.observe(at(t), 0.05 + (t % 7) / 20, 100);
  }
  await vm.client.importJsonLines(set.toJsonLines());
  await vm.client.flush();
}

interface Api {
  child: ChildProcess;
  url: string;
  healthz: string;
}

/** `npm run serve` on our VictoriaMetrics, as an operator starts it. */
async function startApi(vm: RunningVm): Promise<Api> {
  const child = spawn(process.execPath, ["--require", "tsx/cjs", join(__dirname, "main.ts")], {
    env: {
      ...process.env,
      VM_URL: vm.url,
      METRICS_API_KEYS: `${KEY}=${SCOPE.namespace}`,
      PORT: "0",
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // If this script dies, its API must not outlive it.
  process.once("exit", () => child.kill("SIGKILL"));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /^Model metrics API: (\S+)/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the API exited (${code}) before printing its URL`)));
  });
  return { child, url, healthz: new URL("/healthz", url).href };
}

/** Resident memory of a process in MB: now, and the peak since the last `resetPeak`. */
function rss(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}
// Writing 5 to clear_refs resets VmHWM (Linux >= 4.0), so each scenario reports its own peak.
const resetPeak = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, "5");

interface Outcome {
  ms: number;
  bytes: number;
  /** The first error code, or "data". */
  result: string;
}

async function ask(api: Api, query: string): Promise<Outcome> {
  const t0 = performance.now();
  try {
    return await askOnce(api, query, t0);
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code ?? "fetch failed";
    return { ms: performance.now() - t0, bytes: 0, result: code };
  }
}

async function askOnce(api: Api, query: string, t0: number): Promise<Outcome> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query }),
  });
  // Read as bytes and peek at the start only: parsing 45 MB here would stall our own /healthz timing.
  const body = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - t0;
  const head = body.subarray(0, 2_000).toString("utf8");
  const code = /"code":"([A-Z_]+)"/.exec(head)?.[1];
  return {
    ms,
    bytes: body.length,
    result: head.startsWith('{"errors"') || code ? (code ?? "error") : response.ok ? "data" : `HTTP ${response.status}`,
  };
}

interface Healthz {
  maxMs: number;
  count: number;
  /** Probes that failed: not 200, or the connection failed. */
  failed: number;
}

/** Runs `work` while timing /healthz back to back; returns the work's result and the slowest /healthz. */
async function whileTimingHealthz<T>(api: Api, work: () => Promise<T>): Promise<{ result: T; healthz: Healthz }> {
  let done = false;
  const healthz: Healthz = { maxMs: 0, count: 0, failed: 0 };
  const poller = (async () => {
    while (!done) {
      const t0 = performance.now();
      // A server stalled for seconds can drop a kept-alive socket as it wakes: that is a failed probe.
      const ok = await fetch(api.healthz).then(
        async (r) => (await r.arrayBuffer(), r.ok),
        () => false,
      );
      healthz.maxMs = Math.max(healthz.maxMs, performance.now() - t0);
      healthz.count++;
      if (!ok) healthz.failed++;
    }
  })();
  try {
    return { result: await work(), healthz };
  } finally {
    done = true;
    await poller;
  }
}

const describeHealthz = (h: Healthz) =>
  `/healthz max ${fmt(h.maxMs)} over ${h.count} probes${h.failed ? `, ${h.failed} failed` : ""}`;

const mb = (n: number) => `${n.toFixed(0)} MB`;
const fmt = (ms: number) => (ms >= 1_000 ? `${(ms / 1_000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function measure(api: Api, label: string, query: string, concurrent: number): Promise<void> {
  const pid = api.child.pid!;
  const before = rss(pid).now;
  resetPeak(pid);
  const t0 = performance.now();
  const { result, healthz } = await whileTimingHealthz(api, () =>
    Promise.all(Array.from({ length: concurrent }, () => ask(api, query))),
  );
  const wall = performance.now() - t0;
  const { now, peak } = rss(pid);
  const results = [...new Set(result.map((r) => r.result))].join(", ");
  const bytes = result[0]!.bytes;
  console.log(
    `${label.padEnd(44)} ${fmt(wall).padStart(8)}  ${(bytes / 1e6).toFixed(2).padStart(6)} MB each  ${results.padEnd(15)}` +
      `  RSS ${mb(before)} -> peak ${mb(peak)}, after ${mb(now)}  ${describeHealthz(healthz)}`,
  );
}

/** `clients` loops for `seconds`: half ask the heaviest allowed document, half a dashboard's hour. */
async function loadRun(api: Api, seconds: number, clients: number): Promise<void> {
  const pid = api.child.pid!;
  const before = rss(pid).now;
  resetPeak(pid);
  const deadline = performance.now() + seconds * 1_000;
  const tally = new Map<string, { n: number; ms: number[] }>();
  const record = (kind: string, o: Outcome) => {
    const key = `${kind} ${o.result}`;
    const entry = tally.get(key) ?? { n: 0, ms: [] };
    entry.n++;
    entry.ms.push(o.ms);
    tally.set(key, entry);
  };
  const { healthz } = await whileTimingHealthz(api, () =>
    Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        const [kind, query] =
          i % 2 === 0 ? ["heaviest allowed", SCENARIOS.heaviestAllowed] : ["dashboard", SCENARIOS.dashboard];
        while (performance.now() < deadline) record(kind, await ask(api, query));
      }),
    ),
  );
  const { now, peak } = rss(pid);
  console.log(`\nload run: ${clients} clients for ${seconds} s on loopback (half heaviest-allowed, half dashboard)`);
  for (const [key, { n, ms }] of [...tally].sort()) {
    const sorted = ms.sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    console.log(
      `  ${key.padEnd(30)} ${String(n).padStart(5)} requests  median ${fmt(q(0.5))}  p99 ${fmt(q(0.99))}  max ${fmt(sorted.at(-1)!)}`,
    );
  }
  console.log(`  RSS ${mb(before)} -> peak ${mb(peak)}, after ${mb(now)}; ${describeHealthz(healthz)}`);
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 20);
  const clients = Number(process.argv[3] ?? 8);
  if (!(seconds > 0 && seconds <= 300) || !Number.isInteger(clients) || clients < 1 || clients > 64) {
    throw new Error("usage: bench-heavy.ts [seconds 1..300] [clients 1..64]");
  }
  const vm = await VictoriaMetrics.start();
  let api: Api | undefined;
  try {
    await load(vm);
    api = await startApi(vm);
    const started = rss(api.child.pid!).now;
    console.log(
      `${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; API RSS at start ${mb(started)}\n`,
    );
    await ask(api, SCENARIOS.dashboard); // warm-up: first request compiles and caches
    await measure(api, "dashboard (7 fields, 61 points)", SCENARIOS.dashboard, 1);
    // Three times: /healthz latency depends on where the garbage collector happens to run.
    for (const run of [1, 2, 3])
      await measure(api, `heaviest allowed (200,000 values), run ${run}`, SCENARIOS.heaviestAllowed, 1);
    await measure(api, "heaviest allowed, 4 at once", SCENARIOS.heaviestAllowed, 4);
    await measure(api, "issue's document (2,750,000 values)", SCENARIOS.issue, 1);
    await measure(api, "issue's document, 4 at once", SCENARIOS.issue, 4);
    await loadRun(api, seconds, clients);
  } finally {
    if (api) {
      const exited = new Promise((resolve) => api!.child.once("exit", resolve));
      api.child.kill("SIGTERM");
      await exited;
    }
    await vm.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
