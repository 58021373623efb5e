import { createSeriesSet, type SeriesBuilder } from "../series";
import type { VmClient } from "../vm/client";

/**
 * The data set `npm run serve` loads when it runs its own VictoriaMetrics: three model versions
 * with traffic, some errors (one incident), latencies and replicas of two instance types, over
 * the last hour. Deterministic apart from "now", so every newcomer sees the same shapes.
 */

export const DEMO_NAMESPACE = "demo";
const SCRAPE_EVERY_S = 15;
const HOUR_S = 3_600;

interface DemoModel {
  id: string;
  /** Mean requests per second. */
  rps: number;
  /** Typical time inside the model, seconds; the proxy adds `proxyOverhead`. */
  latency: number;
  proxyOverhead: number;
  errorShare: number;
  /** Replicas of an instance type, changing at minutes into the hour. */
  instanceType: string;
  replicas: Array<{ fromMinute: number; count: number }>;
}

export const DEMO_MODELS: readonly DemoModel[] = [
  {
    id: "chat-7b-v3",
    rps: 6,
    latency: 0.35,
    proxyOverhead: 0.04,
    errorShare: 0.01,
    instanceType: "H100",
    replicas: [
      { fromMinute: 0, count: 2 },
      { fromMinute: 25, count: 3 },
    ],
  },
  {
    id: "embed-small-v1",
    rps: 20,
    latency: 0.015,
    proxyOverhead: 0.005,
    errorShare: 0.002,
    instanceType: "A10G",
    replicas: [{ fromMinute: 0, count: 1 }],
  },
  {
    id: "whisper-large-v2",
    rps: 0.5,
    latency: 2.2,
    proxyOverhead: 0.1,
    errorShare: 0.03,
    instanceType: "A10G",
    replicas: [
      { fromMinute: 0, count: 1 },
      { fromMinute: 40, count: 2 },
    ],
  },
];

/** Minutes into the hour of an incident: chat-7b-v3 answers 25% 503s. */
const INCIDENT = { model: "chat-7b-v3", fromMinute: 30, toMinute: 34, share: 0.25 };
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Loads the demo hour ending at `now` into VictoriaMetrics. Returns the model version ids. */
export async function loadDemo(client: VmClient, now = new Date()): Promise<string[]> {
  const to = Math.floor(now.getTime() / 1000 / SCRAPE_EVERY_S) * SCRAPE_EVERY_S;
  const from = to - HOUR_S;
  const set = createSeriesSet({
    scrape: { every: SCRAPE_EVERY_S, from: new Date(from * 1000), to: new Date(to * 1000) },
    commonLabels: { namespace: DEMO_NAMESPACE },
  });
  const random = mulberry32(42);
  for (const model of DEMO_MODELS) addModel(set, model, from, to, random);
  await set.ingest(client);
  return DEMO_MODELS.map((m) => m.id);
}

function addModel(b: SeriesBuilder, m: DemoModel, from: number, to: number, random: () => number): void {
  const labels = { model_version_id: m.id };
  const requests = b.counter("model_requests_total", labels);
  const inference = b.histogram("model_inference_duration_seconds", { buckets: BUCKETS, labels });
  const e2e = b.histogram("model_e2e_response_time_seconds", { buckets: BUCKETS, labels });
  const at = (s: number) => new Date(s * 1000);

  for (let t = from + SCRAPE_EVERY_S; t <= to; t += SCRAPE_EVERY_S) {
    const minute = (t - from) / 60;
    // A slow wave plus noise, so the charts are not flat.
    const rps = m.rps * (1 + 0.3 * Math.sin((minute / 60) * 2 * Math.PI) + 0.2 * (random() - 0.5));
    const total = Math.max(0, Math.round(rps * SCRAPE_EVERY_S));
    const incident = m.id === INCIDENT.model && minute > INCIDENT.fromMinute && minute <= INCIDENT.toMinute;
    const server = Math.round(total * (incident ? INCIDENT.share : m.errorShare * random() * 2));
    const client = Math.round(total * 0.02 * random());
    const ok = Math.max(0, total - server - client);
    for (const [status, n] of [
      ["200", ok],
      ["400", client],
      ["503", server],
    ] as const) {
      if (n > 0) requests.labels({ status }).inc(at(t), n);
    }
    // The requests of the interval, as three latency groups: typical, slower, tail.
    for (const [share, factor] of [
      [0.7, 1],
      [0.25, 1.8],
      [0.05, incident ? 8 : 4],
    ] as const) {
      const n = Math.round(total * share);
      if (n === 0) continue;
      const latency = m.latency * factor * (0.8 + 0.4 * random());
      inference.observe(at(t), latency, n);
      e2e.observe(at(t), latency + m.proxyOverhead, n);
    }
  }

  const replicaSeconds = b.counter("model_replica_seconds_total", { ...labels, instance_type: m.instanceType });
  const active = b.gauge("model_replicas_active", { ...labels, instance_type: m.instanceType });
  m.replicas.forEach(({ fromMinute, count }, i) => {
    const start = from + fromMinute * 60;
    const end = i + 1 < m.replicas.length ? from + m.replicas[i + 1]!.fromMinute * 60 : to;
    replicaSeconds.ramp(at(start), at(end), count);
    active.set(at(start), count);
  });
}

/** A small seeded PRNG: the demo is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
