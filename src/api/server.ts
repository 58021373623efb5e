import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createSchema, createYoga, useReadinessCheck, type GraphiQLOptions, type Plugin } from "graphql-yoga";
import { VmClient } from "../vm/client";
import type { VmEndpoints } from "../vm/endpoints";
import { useAnswerLimits } from "./answer-limits";
import { KeyStore, useBearerAuth } from "./auth";
import { useDocumentLimits } from "./document-limits";
import { consoleLogger, maskError, useInputErrorCode, type ApiLogger } from "./errors";
import { LIMITS } from "./limits";
import { useRequestBodyErrors } from "./request-body";
import { createResolvers, type ApiContext } from "./resolvers";
import { TYPE_DEFS } from "./schema";
import { ValuesInFlight, type ValuesInFlightOptions } from "./values-in-flight";

export interface MetricsApiOptions {
  /** The VictoriaMetrics to query. A client is used as is, unless `timeoutMs` is given too. */
  vm: VmEndpoints | VmClient;
  /** API key to namespace; more can be added later through `keys.add`. */
  keys?: Record<string, string>;
  /** Default 127.0.0.1: the API serves the network only when told to. */
  host?: string;
  /** Default 0: a free port, read back from `url`. */
  port?: number;
  /** Bound on every VictoriaMetrics call (VM_TIMEOUT_MS); default the client's, 10000 ms. */
  timeoutMs?: number;
  /** Where masked errors and upstream failures are logged; default stderr. */
  logger?: ApiLogger;
  /** What GraphiQL shows a newcomer first (the demo passes an example query and its key). */
  graphiql?: Pick<GraphiQLOptions, "defaultQuery" | "headers">;
  /** More yoga plugins, after the API's own (the golden runner's request tracing). */
  plugins?: Plugin[];
  /** The bound on large answers built at once; default LIMITS'. A test sizes it to smaller answers. */
  valuesInFlight?: ValuesInFlightOptions;
}

/** A listening API. Only this type has a URL: nobody can query a server that is not up. */
export interface RunningMetricsApi {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql (GraphiQL on GET in a browser). */
  readonly url: string;
  readonly keys: Pick<KeyStore, "add">;
  /** Answers being built now: their values (bounded by LIMITS.maxValuesInFlight) and the requests waiting for their turn. */
  readonly work: Pick<ValuesInFlight, "values" | "waiting">;
  /** Stops listening and drops open connections. Safe to call more than once. */
  close(): Promise<void>;
}

export const GRAPHQL_PATH = "/graphql";

/** The GraphQL server as a fetch-style handler (also a Node request listener). */
export function createMetricsYoga(
  options: Omit<MetricsApiOptions, "host" | "port">,
  keys: KeyStore,
  inFlight = answersInFlight(options.valuesInFlight),
) {
  const vm = toClient(options.vm, options.timeoutMs);
  const log = options.logger ?? consoleLogger;
  return createYoga<object, ApiContext>({
    schema: createSchema<ApiContext>({ typeDefs: TYPE_DEFS, resolvers: createResolvers(vm, log) }),
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: {
      title: "Model metrics API",
      headers: JSON.stringify({ Authorization: "Bearer <your key>" }),
      ...options.graphiql,
    },
    // GraphiQL's scripts from the npm package, not a CDN: the page works on a machine without
    // internet. Loaded with the first page (9 MB of script): most servers, the golden suite's
    // among them, never serve one.
    renderGraphiQL: (options) =>
      (require("@graphql-yoga/render-graphiql") as typeof import("@graphql-yoga/render-graphiql")).renderGraphiQL(
        options,
      ),
    landingPage: false,
    // Dashboards call from their own backend or from GraphiQL on this origin; no cross-origin browsers.
    cors: false,
    healthCheckEndpoint: "/healthz",
    maskedErrors: { maskError: maskError(log) },
    // Yoga would log each masked error a second time; maskError logs it with context.
    logging: false,
    plugins: [
      useRequestBodyErrors(),
      useBearerAuth(keys),
      useDocumentLimits(),
      useAnswerLimits(inFlight),
      useInputErrorCode(),
      useReadinessCheck({ endpoint: "/readyz", check: () => isAnswering(vm) }),
      ...(options.plugins ?? []),
    ],
  });
}

export async function createMetricsApi(options: MetricsApiOptions): Promise<RunningMetricsApi> {
  const keys = new KeyStore(options.keys);
  const inFlight = answersInFlight(options.valuesInFlight);
  const yoga = createMetricsYoga(options, keys, inFlight);
  const server = createServer(yoga);
  await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    keys,
    work: inFlight,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => yoga.dispose())),
  };
}

/** The bound on answers being built at once, shared by all requests to one server. */
function answersInFlight(
  bound: ValuesInFlightOptions = { capacity: LIMITS.maxValuesInFlight, small: LIMITS.smallAnswerValues },
): ValuesInFlight {
  return new ValuesInFlight(bound);
}

function toClient(vm: VmEndpoints | VmClient, timeoutMs: number | undefined): VmClient {
  if (vm instanceof VmClient) return timeoutMs === undefined ? vm : new VmClient(vm.endpoints, timeoutMs);
  return new VmClient(vm, timeoutMs);
}

/** Ready when VictoriaMetrics answers a query: the one thing every request needs. */
async function isAnswering(vm: VmClient): Promise<boolean> {
  try {
    await vm.query("1");
    return true;
  } catch {
    return false;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
