import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { GoldenTarget } from "./target";

/** A listening run service; `close` is safe to call more than once. */
export interface RunService {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/** What the run service knows besides the target. */
export interface RunFacts {
  /** How the suite's own VictoriaMetrics exited, if it did, and its last log lines. */
  vmExit(): Promise<{ status: string; log: string } | undefined>;
}

/** The answer to "did the suite's VictoriaMetrics die?": its log goes to the first asker only. */
export interface VmExit {
  status?: string;
  log?: string;
}

type Route = (target: GoldenTarget, facts: RunFacts, body: Record<string, unknown>) => Promise<unknown>;

function routes(): Record<string, Route> {
  let logShown = false;
  return {
    "/headers": async (target, _, { namespace }) => ({ headers: await target.headersFor(String(namespace)) }),
    "/queries": async (target, _, { request }) => ({ queries: (await target.queriesFor?.(String(request))) ?? [] }),
    "/vm": async (_, facts): Promise<VmExit> => {
      const exit = await facts.vmExit();
      if (!exit) return {};
      const first = !logShown;
      logShown = true;
      return first ? exit : { status: exit.status };
    },
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

/**
 * The parent side of the run, in global setup's process: case files (in jest's workers or
 * in-band) ask it over loopback for what only the set-up knows: the headers of a namespace and
 * the MetricsQL a request ran (from the target), and whether the suite's VictoriaMetrics died.
 * A per-run token keeps other local users out.
 */
export async function startRunService(target: GoldenTarget, facts: RunFacts): Promise<RunService> {
  const token = randomBytes(16).toString("hex");
  const ROUTES = routes();
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const route = ROUTES[request.url ?? ""];
    if (request.headers.authorization !== `Bearer ${token}`) return reply(401, { error: "not this run's token" });
    if (!route || request.method !== "POST") return reply(404, { error: `no ${request.method} ${request.url}` });
    readJson(request)
      .then((body) => route(target, facts, body))
      .then(
        (answer) => reply(200, answer),
        (err: unknown) => reply(500, { error: err instanceof Error ? err.message : String(err) }),
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
