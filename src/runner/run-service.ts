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

/** What the run service answers, by path; each takes and gives JSON. */
const ROUTES: Record<string, (target: GoldenTarget, body: Record<string, unknown>) => Promise<unknown>> = {
  "/headers": async (target, { namespace }) => ({ headers: await target.headersFor(String(namespace)) }),
  "/queries": async (target, { request }) => ({ queries: (await target.queriesFor?.(String(request))) ?? [] }),
};

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

/**
 * The parent side of the target, in global setup's process: case files (in jest's workers or
 * in-band) ask it over loopback for what only the target's set-up can give, the headers of a
 * namespace and the MetricsQL a request ran. A per-run token keeps other local users out.
 */
export async function startRunService(target: GoldenTarget): Promise<RunService> {
  const token = randomBytes(16).toString("hex");
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const route = ROUTES[request.url ?? ""];
    if (request.headers.authorization !== `Bearer ${token}`) return reply(401, { error: "not this run's token" });
    if (!route || request.method !== "POST") return reply(404, { error: `no ${request.method} ${request.url}` });
    readJson(request)
      .then((body) => route(target, body))
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
