// What `npm run serve` does, as a function: the metrics API on VM_URL, or on a VictoriaMetrics of
// its own with demo data. main.ts runs it as a process; the tests call it in theirs.
import { randomBytes } from "node:crypto";
import { endpointsFromEnv } from "../vm/endpoints";
import { DEFAULT_VM_TIMEOUT_MS, VmClient } from "../vm/client";
import { VictoriaMetrics, type RunningVm } from "../vm/server";
import { parseApiKeys } from "./auth";
import { DEMO_NAMESPACE, loadDemo } from "./demo";
import { formatDateTime } from "./datetime";
import { isLoopbackHost } from "./loopback";
import type { RunningMetricsApi } from "./server";
import { checkStore, PROBE_QUERY } from "./store-check";
import { UserError } from "../user-error";

/** What `serve` has started so far. The caller owns it: `stopServing` stops it, on Ctrl-C or after a failure. */
export interface Serving {
  vm?: RunningVm;
  api?: RunningMetricsApi;
}

/** The environment `npm run serve` reads, with its defaults (metrics-api.md §7). */
function readConfig(env: NodeJS.ProcessEnv) {
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UserError(`${name} is '${raw}'; it must be a whole number from ${min} to ${max}.`);
    }
    return value;
  };
  return {
    /** How the operator named the store, for messages about it. */
    vmName: env.VM_URL ? `VM_URL=${env.VM_URL}` : `VM_SELECT_URL=${env.VM_SELECT_URL ?? ""}`,
    host: env.HOST || "127.0.0.1",
    port: integer("PORT", 4000, 0, 65_535),
    timeoutMs: integer("VM_TIMEOUT_MS", DEFAULT_VM_TIMEOUT_MS, 1, 600_000),
    keys: parseApiKeys(env.METRICS_API_KEYS ?? ""),
    // VM_URL, or VM_INSERT_URL + VM_SELECT_URL for a cluster, as the rest of the suite reads them.
    vm: endpointsFromEnv(env),
  };
}

/**
 * Starts what `env` asks for, recording each part in `serving` the moment it runs, and returns
 * what to print. `warn` gets the loud warning about a VictoriaMetrics that does not answer.
 */
export async function serve(
  env: NodeJS.ProcessEnv,
  serving: Serving,
  warn: (message: string) => void = console.error,
): Promise<string> {
  const config = readConfig(env);
  // Both before anything starts: a refusal leaves nothing running.
  if (!config.vm && !isLoopbackHost(config.host)) throw new UserError(demoBeyondLoopback(config.host, config.port));
  // graphql-yoga (most of a start's CPU) loads once the settings are accepted, so a refused
  // setting does not wait for it: while our own VictoriaMetrics starts, or once VM_URL's has
  // answered. A require, not an import(): `npm run serve` runs under tsx's CommonJS hook (README,
  // Decisions).
  let loadingApi: Promise<typeof import("./server")> | undefined;
  const loadApi = () => {
    loadingApi ??= new Promise((loaded) => loaded(require("./server")));
    loadingApi.catch(() => {}); // awaited below, unless the store fails first
    return loadingApi;
  };
  const demo = await prepareStore(config, serving, warn, loadApi);
  const { createMetricsApi } = await loadApi();
  const api = (serving.api = await createMetricsApi({
    vm: config.vm ?? serving.vm!.endpoints,
    keys: config.keys,
    host: config.host,
    port: config.port,
    timeoutMs: config.timeoutMs,
    graphiql: demo && {
      headers: JSON.stringify({ Authorization: `Bearer ${demo.key}` }),
      defaultQuery: exampleQuery(demo.ids[0]!),
    },
  }));
  const lines = [`Model metrics API: ${api.url}  (GraphiQL: open it in a browser)`];
  if (serving.vm && demo) {
    lines.push(
      `VictoriaMetrics:   ${serving.vm.url}  (started for this session, storage ${serving.vm.root}; stopped on Ctrl-C)`,
      `Demo key:          ${demo.key}  (namespace "${DEMO_NAMESPACE}"; header Authorization: Bearer <key>)`,
      `Model versions:    ${demo.ids.join(", ")}  (the last hour)`,
    );
  } else {
    lines.push(
      `VictoriaMetrics:   ${config.vm!.select}`,
      `API keys:          ${Object.keys(config.keys).length} (METRICS_API_KEYS)`,
    );
    if (Object.keys(config.keys).length === 0)
      lines.push("Warning: METRICS_API_KEYS is empty, so every request is refused (401).");
  }
  return lines.join("\n");
}

/**
 * The store `config` names, asked whether it answers (`warn` if not); or, without one, a
 * VictoriaMetrics of this process's own, recorded in `serving`, with demo data and a key for it.
 * `onSpawned` runs while our own starts.
 */
async function prepareStore(
  config: ReturnType<typeof readConfig>,
  serving: Serving,
  warn: (message: string) => void,
  onSpawned: () => void,
): Promise<{ key: string; ids: string[] } | undefined> {
  if (config.vm) {
    // One query, not a start-up to overlap; and its timeout must not run while a module loads.
    await expectVictoriaMetrics(new VmClient(config.vm, config.timeoutMs), config.vmName, warn);
    return undefined;
  }
  const vm = (serving.vm = await VictoriaMetrics.start({ onSpawned }));
  const ids = await loadDemo(vm.client);
  const demo = { key: `demo-${randomBytes(12).toString("hex")}`, ids };
  config.keys[demo.key] = DEMO_NAMESPACE;
  return demo;
}

/** Stops what `serve` started, the API first. */
export async function stopServing(serving: Serving): Promise<void> {
  await serving.api?.close();
  await serving.vm?.stop();
}

/** A user's mistake as its message; anything else is a bug and keeps its stack. */
export function whyNotServing(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  if (e?.code === "EADDRINUSE") {
    return `${e.address}:${e.port} is already in use. Set PORT to another port (PORT=0 takes a free one), or stop what listens there.`;
  }
  if (err instanceof UserError) return err.message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/**
 * The demo puts its key into the GraphiQL page (so a newcomer can click Run), and the page is
 * served without a key: beyond loopback, anyone who reaches the port would get the key.
 */
function demoBeyondLoopback(host: string, port: number): string {
  return (
    `Demo mode (no VM_URL) shows its demo key in the GraphiQL page to anyone who can open it, so it listens on loopback only; HOST is '${host}'.\n` +
    `Use HOST=127.0.0.1 (the default), ::1 or localhost; to open it from another machine, tunnel to it (ssh -L ${port}:127.0.0.1:${port} <this host>). ` +
    "To serve the network, give it your own VictoriaMetrics with VM_URL and keys with METRICS_API_KEYS."
  );
}

/**
 * A store that answers, but not as VictoriaMetrics does, would turn every query into an error
 * or into numbers that differ silently: refused. One that does not answer may be starting too:
 * a loud warning, and /readyz says when it is there.
 */
async function expectVictoriaMetrics(client: VmClient, name: string, warn: (message: string) => void): Promise<void> {
  const check = await checkStore(client);
  if (check.kind === "not-victoria-metrics") {
    throw new UserError(
      `${name} is not VictoriaMetrics. Asked the MetricsQL query \`${PROBE_QUERY}\`: ${check.found}.\n` +
        "Point VM_URL at a VictoriaMetrics base URL (a single node, e.g. http://127.0.0.1:8428), or VM_INSERT_URL and " +
        "VM_SELECT_URL at a cluster's vminsert and vmselect; without them, npm run serve starts its own with demo data.",
    );
  }
  if (check.kind === "silent") {
    warn(
      `WARNING: ${name} did not answer. Asked \`${PROBE_QUERY}\`: ${check.found}.\n` +
        "WARNING: The API starts anyway; until VictoriaMetrics answers, every query is UPSTREAM_UNAVAILABLE and /readyz is 503.",
    );
  }
}

/** What GraphiQL shows first in the demo: the last hour of one model version. */
function exampleQuery(modelVersionId: string): string {
  const end = Math.floor(Date.now() / 60_000) * 60;
  return `# The last hour of a demo model version. Ctrl-Enter runs it.
{
  range_model_metrics(
    model_version_id: "${modelVersionId}"
    start: "${formatDateTime(end - 3_600)}"
    end: "${formatDateTime(end)}"
    step_seconds: 60
  ) {
    inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
    error_rate { timestamp value }
    response_time_percentiles { timestamp p50 p99 }
  }
  instant_billing_metrics(start: "${formatDateTime(end - 3_600)}", end: "${formatDateTime(end)}") {
    billable_minutes_by_instance_type { instance_type minutes }
    total_billable_minutes
  }
}
`;
}
