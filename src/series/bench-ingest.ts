// The ingest benchmark behind bin/bench-ingest: builder + client against a plain import of the
// same JSON lines, into a VictoriaMetrics of its own.
import { median } from "../vm/median";
import { VictoriaMetrics, type RunningVm } from "../vm/server";
import { createSeriesSet, type SeriesSet } from "./series-set";
import { ts } from "./time";
import { exchange } from "../http/exchange";

const STATUSES = ["200", "404", "429", "500"];
const ROUTES = Array.from({ length: 12 }, (_, i) => `route_${i}`);
const HISTOGRAMS = 5;
/** A day scraped every 10 s: 8640 ticks. */
const SCRAPE = { every: 10, from: ts(0), to: ts(86_400 - 10) };

/** About a million samples: 48 counters and 5 default-bucket histograms (70 series), 118 series of 8640 ticks. */
export function benchCase(namespace: string): SeriesSet {
  const set = createSeriesSet({ scrape: SCRAPE, commonLabels: { namespace, model_version_id: "bench" } });
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const requests = set.counter("model_requests_total");
  for (const status of STATUSES) {
    for (const route of ROUTES) {
      const counter = requests.labels({ status, route });
      for (let t = 0; t < 86_400 - 10; t += 10) counter.inc(ts(t + random() * 10), 1 + Math.floor(random() * 3));
    }
  }
  const latency = set.histogram("e2e_latency_seconds");
  for (let h = 0; h < HISTOGRAMS; h++) {
    const histogram = latency.labels({ replica: String(h) });
    for (let t = 0; t < 86_400 - 10; t += 5) histogram.observe(ts(t + random() * 5), 0.001 * Math.exp(random() * 10));
  }
  return set;
}

export interface BenchRound {
  samples: number;
  series: number;
  builderMs: number;
  rawMs: number;
}

/**
 * One round: build and ingest a case through the builder and client (timed from building to
 * flush), then POST the identical JSON lines under another namespace and flush (timed from the
 * request; the body is prepared beforehand). The order alternates so neither always goes first.
 */
export async function benchRound(vm: RunningVm, round: number): Promise<BenchRound> {
  const builder = async () => {
    const start = performance.now();
    const set = benchCase(`bench-builder-${round}`);
    await set.ingest(vm.client);
    return { ms: performance.now() - start, set };
  };
  const raw = async (set: SeriesSet) => {
    const lines = set.toJsonLines().map((l) => ({ ...l, metric: { ...l.metric, namespace: `bench-raw-${round}` } }));
    const body = lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
    const start = performance.now();
    // The same transport as the client's (src/http/exchange.js), so that only the builder differs.
    const imported = await exchange(`${vm.url}/api/v1/import`, { method: "POST", body });
    if (!imported.ok) throw new Error(`raw import answered HTTP ${imported.status}: ${imported.text}`);
    const flushed = await exchange(`${vm.url}/internal/force_flush`);
    if (!flushed.ok) throw new Error(`flush answered HTTP ${flushed.status}`);
    return performance.now() - start;
  };
  let built: { ms: number; set: SeriesSet };
  let rawMs: number;
  if (round % 2 === 0) {
    built = await builder();
    rawMs = await raw(built.set);
  } else {
    const reference = benchCase(`bench-builder-${round}`);
    rawMs = await raw(reference);
    built = await builder();
  }
  const lines = built.set.toJsonLines();
  const samples = lines.reduce((n, l) => n + l.values.length, 0);
  // Both copies must be stored, or the figures compare nothing.
  for (const ns of [`bench-builder-${round}`, `bench-raw-${round}`]) {
    const stored = await vm.client.series([`{namespace="${ns}"}`]);
    if (stored.length !== lines.length) throw new Error(`${ns}: ${stored.length} series stored, ${lines.length} sent`);
  }
  return { samples, series: lines.length, builderMs: built.ms, rawMs };
}

const perSecond = (samples: number, ms: number) => `${(((samples / ms) * 1000) / 1e6).toFixed(2)} M samples/s`;

export async function main(rounds: number): Promise<void> {
  const vm = await VictoriaMetrics.start();
  try {
    const results: BenchRound[] = [];
    // Round 0 warms up the JIT and the server and is not counted.
    for (let round = 0; round <= rounds; round++) {
      const r = await benchRound(vm, round);
      if (round > 0) results.push(r);
      const label = round === 0 ? "warm-up" : `round ${round}`;
      console.log(`${label}: builder + client ${r.builderMs.toFixed(0)} ms, raw import ${r.rawMs.toFixed(0)} ms`);
    }
    const { samples, series } = results[0]!;
    const builderMs = median(results.map((r) => r.builderMs));
    const rawMs = median(results.map((r) => r.rawMs));
    console.log(
      [
        `bench-ingest: ${samples.toLocaleString("en")} samples in ${series} series, median of ${rounds} rounds`,
        `  builder + client: ${builderMs.toFixed(0)} ms (${perSecond(samples, builderMs)})`,
        `  raw import:       ${rawMs.toFixed(0)} ms (${perSecond(samples, rawMs)})`,
        `  ratio of throughputs (builder / raw): ${(rawMs / builderMs).toFixed(2)} of the medians, ` +
          `${median(results.map((r) => r.rawMs / r.builderMs)).toFixed(2)} median per round (goal: at least 0.5)`,
      ].join("\n"),
    );
  } finally {
    await vm.stop();
  }
}

if (require.main === module) {
  const rounds = Number(process.argv[2] ?? 5);
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error(`usage: bin/bench-ingest [rounds]; rounds must be a positive whole number, got ${process.argv[2]}`);
    process.exit(2);
  }
  main(rounds).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
