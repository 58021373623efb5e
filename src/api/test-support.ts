// Shared by the tests beside it: an API on the suite's VictoriaMetrics, data under a fresh
// namespace and model version per test, and a GraphQL call that keeps the HTTP status.
import { randomUUID } from "node:crypto";
import { createSeriesSet, type SeriesBuilder, type ScrapeOptions } from "../series";
import type { VmClient } from "../vm/client";
import { runVm } from "../run/context";
import type { ApiLogger } from "./errors";
import { createMetricsApi, type MetricsApiOptions, type RunningMetricsApi } from "./server";

export interface GraphQLAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string } }>;
  };
  /** The body as sent: to check what it does not contain. */
  text: string;
}

/** A namespace and a model version no other test uses. */
export function freshIds(): { namespace: string; modelVersionId: string } {
  return { namespace: `ns-${randomUUID()}`, modelVersionId: `mv-${randomUUID()}` };
}

/** A logger that keeps what the server logged, so a test can show details went there, not to the client. */
export function memoryLogger(): ApiLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    error: (message, detail) => lines.push(`${message} ${detail instanceof Error ? detail.stack : String(detail)}`),
  };
}

/** Makes series with the builder, labelled with `labels` unless a series gives its own, and ingests them. */
export async function ingest(
  labels: Record<string, string>,
  data: (builder: SeriesBuilder) => void,
  options: { scrape?: ScrapeOptions; client?: VmClient } = {},
): Promise<void> {
  const set = createSeriesSet({ commonLabels: labels, scrape: options.scrape });
  data(set);
  await set.ingest(options.client ?? runVm());
}

/** POSTs a GraphQL request with `Authorization: Bearer <key>` (no header when key is undefined). */
export async function graphql(
  url: string,
  key: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as GraphQLAnswer["body"], text };
}

export interface TestApi {
  api: RunningMetricsApi;
  /** A key for a fresh namespace, and that namespace. */
  key: string;
  namespace: string;
  ask(query: string, variables?: Record<string, unknown>, key?: string): Promise<GraphQLAnswer>;
  /** A key for another fresh namespace. */
  newTenant(): { key: string; namespace: string };
}

/** An API on the suite's VictoriaMetrics (or `vm`), with one tenant ready. Close it in afterAll. */
export async function startTestApi(options: Partial<MetricsApiOptions> = {}): Promise<TestApi> {
  const api = await createMetricsApi({ vm: runVm(), logger: memoryLogger(), ...options });
  const newTenant = () => {
    const tenant = { key: `key-${randomUUID()}`, namespace: freshIds().namespace };
    api.keys.add(tenant.key, tenant.namespace);
    return tenant;
  };
  const { key, namespace } = newTenant();
  return {
    api,
    key,
    namespace,
    newTenant,
    ask: (query, variables, asKey = key) => graphql(api.url, asKey, query, variables),
  };
}

/** The data of an answer, failing with the errors when there are any. */
export function dataOf(answer: GraphQLAnswer): Record<string, any> {
  if (answer.body.errors?.length || answer.status !== 200) {
    throw new Error(`expected data, got HTTP ${answer.status}: ${answer.text}`);
  }
  return answer.body.data as Record<string, any>;
}

/** The one error of an answer, with its code, after checking it is no HTTP 5xx. */
export function errorOf(answer: GraphQLAnswer): { code?: string; message: string; status: number } {
  if (answer.status >= 500) throw new Error(`HTTP ${answer.status} for a client error: ${answer.text}`);
  const [error, ...more] = answer.body.errors ?? [];
  if (!error || more.length > 0) throw new Error(`expected exactly one error, got: ${answer.text}`);
  return { code: error.extensions?.code, message: error.message, status: answer.status };
}
