// VictoriaMetrics down, slow, failing or answering nonsense (metrics-api.md §6): the client gets
// UPSTREAM_UNAVAILABLE (or a masked INTERNAL_SERVER_ERROR), never a 5xx; the server recovers.
import { createServer, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ts } from "../series";
import { VictoriaMetrics, type RunningVm } from "../vm/server";
import { singleNodeEndpoints } from "../vm/endpoints";
import type { MetricsApiOptions } from "./server";
import { dataOf, errorOf, freshIds, ingest, memoryLogger, startTestApi, type TestApi } from "./test-support";

const iso = (n: number) => ts(n).toISOString().replace(".000Z", "Z");
const VOLUME = `query ($id: ID!) {
  range_model_metrics(model_version_id: $id, start: "${iso(0)}", end: "${iso(120)}", step_seconds: 60) { inference_volume { value } }
}`;
const status = async (url: string) => (await fetch(url)).status;

/** For the tests of the calling describe: an API whose VictoriaMetrics is `handler` on loopback. */
function apiOnStub(
  handler: RequestListener,
  options: Pick<MetricsApiOptions, "timeoutMs" | "logger">,
): { readonly t: TestApi } {
  const started = {} as { t: TestApi };
  let stub: Server;
  beforeAll(async () => {
    stub = createServer(handler);
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    const { port } = stub.address() as AddressInfo;
    started.t = await startTestApi({ vm: singleNodeEndpoints(`http://127.0.0.1:${port}`), ...options });
  });
  afterAll(async () => {
    await started.t.api.close();
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
  });
  return started;
}

describe("VictoriaMetrics stopped mid-run", () => {
  let vm: RunningVm;
  let t: TestApi;
  const { modelVersionId: id } = freshIds();
  const load = () =>
    ingest(
      { namespace: t.namespace, model_version_id: id },
      ({ counter }) => void counter("model_requests_total", { status: "200" }).inc(ts(30)),
      {
        client: vm.client,
      },
    );

  beforeAll(async () => {
    vm = await VictoriaMetrics.start();
    t = await startTestApi({ vm: vm.endpoints, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await t.api.close();
    await vm.stop();
  });

  test("answers UPSTREAM_UNAVAILABLE and /readyz 503 while it is down, and recovers when it is back", async () => {
    const readyz = new URL("/readyz", t.api.url).href;
    const healthz = new URL("/healthz", t.api.url).href;
    await load();
    expect(dataOf(await t.ask(VOLUME, { id })).range_model_metrics.inference_volume).toEqual([
      { value: 0 },
      { value: 1 },
      { value: 0 },
    ]);
    expect(await status(readyz)).toBe(200);

    const port = Number(new URL(vm.url).port);
    await vm.stop();
    const down = errorOf(await t.ask(VOLUME, { id }));
    expect(down.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(down.message).toMatch(/try again later/);
    expect(await status(readyz)).toBe(503);
    expect(await status(healthz)).toBe(200);

    // Back on the same address (with empty storage, so the data is loaded again).
    vm = await VictoriaMetrics.start({ port });
    expect(await status(readyz)).toBe(200);
    await load();
    expect(dataOf(await t.ask(VOLUME, { id })).range_model_metrics.inference_volume).toEqual([
      { value: 0 },
      { value: 1 },
      { value: 0 },
    ]);
  });
});

describe("a VictoriaMetrics that misbehaves", () => {
  type Behaviour = "hang" | "503" | "422" | "garbage";
  let behaviour: Behaviour;
  const logger = memoryLogger();
  const TIMEOUT_MS = 300;

  const answer: Record<Behaviour, (res: ServerResponse) => void> = {
    hang: () => {},
    "503": (res) => res.writeHead(503).end("service unavailable"),
    "422": (res) =>
      res.writeHead(422, { "content-type": "application/json" }).end('{"status":"error","error":"cannot parse query"}'),
    garbage: (res) => res.writeHead(200, { "content-type": "application/json" }).end("<html>not json"),
  };

  const api = apiOnStub((_, res) => answer[behaviour](res), { timeoutMs: TIMEOUT_MS, logger });

  test.each<[Behaviour, string]>([
    ["hang", "UPSTREAM_UNAVAILABLE"],
    ["503", "UPSTREAM_UNAVAILABLE"],
    ["422", "INTERNAL_SERVER_ERROR"],
    ["garbage", "INTERNAL_SERVER_ERROR"],
  ])("answering %s is %s, within the timeout, no 5xx", async (b, code) => {
    behaviour = b;
    logger.lines.length = 0;
    const started = Date.now();
    const answer = await api.t.ask(VOLUME, { id: "mv-1" });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(errorOf(answer).code).toBe(code);
    // Details (the query, VictoriaMetrics' message) go to the log, not to the client.
    expect(answer.text).not.toMatch(/model_requests_total|namespace|cannot parse|html|127\.0\.0\.1/);
    expect(logger.lines.join("\n")).toMatch(/victoria-metrics|SyntaxError/);
    // Not ready: VictoriaMetrics does not answer the probe query properly either.
    expect(await status(new URL("/readyz", api.t.api.url).href)).toBe(503);
  });
});

describe("a VictoriaMetrics that fails in the middle of an answer", () => {
  type Failure = "stalls" | "drops the connection";
  let failure: Failure;
  const logger = memoryLogger();
  const TIMEOUT_MS = 300;

  const api = apiOnStub(
    (_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      // Dropped only once the start is on the wire, so the API has the headers before the close.
      res.write('{"status":"success","data":{"resultType":"matrix","result":[', () => {
        if (failure === "drops the connection") res.socket?.destroy();
      });
    },
    { timeoutMs: TIMEOUT_MS, logger },
  );

  test.each<[Failure, RegExp]>([
    // The stub never finishes the body: only VM_TIMEOUT_MS ends the wait.
    ["stalls", new RegExp(`no answer within ${TIMEOUT_MS} ms`)],
    ["drops the connection", /the connection closed before the answer ended/],
  ])("after its headers and %s: UPSTREAM_UNAVAILABLE, no 5xx", async (f, logged) => {
    failure = f;
    logger.lines.length = 0;
    const answer = await api.t.ask(VOLUME, { id: "mv-1" });
    expect(errorOf(answer)).toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      message: expect.stringMatching(/try again later/),
    });
    expect(logger.lines.join("\n")).toMatch(logged);
  });
});
