import { randomUUID } from "node:crypto";
import type { Plugin } from "graphql-yoga";
import type { ApiContext } from "../api/resolvers";
import { createMetricsApi } from "../api/server";
import { VmClient, type Time } from "../vm/client";
import type { VmEndpoints } from "../vm/endpoints";
import { REQUEST_HEADER, type GoldenTarget, type TracedQuery } from "./target";

/** Requests whose MetricsQL is kept for a failure message; the oldest go first. */
const KEPT_REQUESTS = 2_000;
const seconds = (t: Time) => (t instanceof Date ? t.getTime() / 1000 : t);
/** Every query the API sends carries the caller's namespace, escaped as metricsql.ts escapes it. */
const NAMESPACE_MATCHER = /namespace="((?:[^"\\]|\\.)*)"/;
const unescape = (value: string) => value.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));

/**
 * A client that remembers the MetricsQL it sent for each GraphQL request (named by its
 * `x-golden-request` header), so that a failure can show how to reproduce it. Test files ask at
 * once, but each case has its own namespace and asks one query at a time: a query belongs to
 * the request its namespace is running. (AsyncLocalStorage would say the same at the price of
 * a hook on every promise of the run's main process.)
 */
class RecordingVmClient extends VmClient {
  /** Namespace to the request it is running now. */
  readonly running = new Map<string, string>();
  private readonly recorded = new Map<string, TracedQuery[]>();

  override query(query: string, time?: Time) {
    this.record({ query, ...(time === undefined ? {} : { time: seconds(time) }) });
    return super.query(query, time);
  }

  override queryRange(query: string, start: Time, end: Time, stepSeconds: number) {
    this.record({ query, start: seconds(start), end: seconds(end), step: stepSeconds });
    return super.queryRange(query, start, end, stepSeconds);
  }

  take(request: string): TracedQuery[] {
    const queries = this.recorded.get(request) ?? [];
    this.recorded.delete(request);
    return queries;
  }

  private record(query: TracedQuery): void {
    const namespace = NAMESPACE_MATCHER.exec(query.query)?.[1];
    const request = namespace === undefined ? undefined : this.running.get(unescape(namespace));
    if (request === undefined) return;
    const queries = this.recorded.get(request);
    if (queries) return void queries.push(query);
    this.recorded.set(request, [query]);
    if (this.recorded.size > KEPT_REQUESTS) this.recorded.delete(this.recorded.keys().next().value!);
  }
}

/** Notes which request each namespace runs, before its resolvers send any MetricsQL. */
function useRequestNames(client: RecordingVmClient): Plugin {
  return {
    onExecute({ args }) {
      const { request, namespace } = args.contextValue as Partial<ApiContext> & { request?: Request };
      const name = request?.headers.get(REQUEST_HEADER);
      if (!name || namespace === undefined) return;
      client.running.set(namespace, name);
      // A request abandoned by a test that timed out must not take the next one's queries.
      return {
        onExecuteDone() {
          if (client.running.get(namespace) === name) client.running.delete(namespace);
        },
      };
    },
  };
}

/** The reference metrics API on the suite's VictoriaMetrics, once per run, one key per case namespace. */
export async function createReferenceTarget({ vm }: { vm: VmEndpoints }): Promise<GoldenTarget> {
  const client = new RecordingVmClient(vm);
  const api = await createMetricsApi({ vm: client, plugins: [useRequestNames(client)] });
  return {
    url: api.url,
    headersFor(namespace) {
      const key = `golden-${randomUUID()}`;
      api.keys.add(key, namespace);
      return { authorization: `Bearer ${key}` };
    },
    queriesFor: (request) => client.take(request),
    close: () => api.close(),
  };
}
