import { VmError, type VmClient } from "../vm/client";

/**
 * What a store named by the environment turned out to be, asked once at start-up with a query
 * only MetricsQL understands: a `WITH` template. A Prometheus (whose `increase` extrapolates,
 * so its numbers would be silently different), a web page or a wrong path fail it.
 */
export type StoreCheck =
  | { kind: "victoria-metrics" }
  /** Nothing answered (refused, timed out, 5xx): it may come up later. */
  | { kind: "silent"; found: string }
  /** Something answered, but not as VictoriaMetrics does. */
  | { kind: "not-victoria-metrics"; found: string };

export const PROBE_QUERY = "WITH (x = 1) x";

/** What to show of an answer: enough to recognise it. */
const MAX_FOUND_CHARS = 300;

export async function checkStore(client: VmClient): Promise<StoreCheck> {
  const asked = `GET ${client.endpoints.select}/api/v1/query`;
  let samples;
  try {
    samples = await client.query(PROBE_QUERY);
  } catch (err) {
    return failed(err, asked);
  }
  const value = samples.length === 1 ? samples[0]!.value[1] : undefined;
  if (value === 1) return { kind: "victoria-metrics" };
  return { kind: "not-victoria-metrics", found: cut(`${asked} answered ${JSON.stringify(samples)}, not 1`) };
}

function failed(err: unknown, asked: string): StoreCheck {
  if (err instanceof VmError) {
    // The client's message names the endpoint and the cause on its first line; the query follows.
    const found = cut(err.message.split("\n")[0]!.replace(/^victoria-metrics /, ""));
    // A 5xx is an unavailable store, as for every request (errors.ts): it may recover.
    const answered = err.status !== undefined && err.status < 500;
    return answered ? { kind: "not-victoria-metrics", found } : { kind: "silent", found };
  }
  // A success status, but the client could not read the answer as the query API's JSON.
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return {
    kind: "not-victoria-metrics",
    found: cut(`${asked} answered, but not with JSON of the Prometheus query API (${reason})`),
  };
}

const cut = (text: string) => (text.length > MAX_FOUND_CHARS ? `${text.slice(0, MAX_FOUND_CHARS)}...` : text);
