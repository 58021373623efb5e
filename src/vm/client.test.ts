import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type JsonLine, VmClient, VmError } from "./client";
import { singleNodeEndpoints } from "./endpoints";
import { VictoriaMetrics } from "./server";
import { runVm } from "../run/context";

const T0 = Date.UTC(2024, 0, 1) / 1000; // the suite's time base, in seconds
const vm = runVm();
const uniqueLabels = () => ({ namespace: `ns-${randomUUID()}`, model_version_id: randomUUID() });
const selector = (labels: Record<string, string>) =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(",")}}`;

describe("the victoria-metrics client", () => {
  test("JSON lines round-trip through import, flush and export", async () => {
    const labels = uniqueLabels();
    const line: JsonLine = {
      metric: { __name__: "rt_gauge", ...labels, kind: "json" },
      values: [1, 2.5, 4],
      timestamps: [0, 10, 20].map((s) => (T0 + s) * 1000),
    };
    await vm.importJsonLines([line]);
    await vm.flush();
    expect(await vm.export([selector(labels)])).toEqual([line]);
  });

  test("Prometheus text with timestamps round-trips too", async () => {
    const labels = uniqueLabels();
    const l = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(",");
    await vm.importPrometheus(`rt_text{${l}} 7 ${T0 * 1000}\nrt_text{${l}} 9 ${(T0 + 10) * 1000}\n`);
    await vm.flush();
    expect(await vm.export([selector(labels)])).toEqual([
      { metric: { __name__: "rt_text", ...labels }, values: [7, 9], timestamps: [T0 * 1000, (T0 + 10) * 1000] },
    ]);
  });

  test("flushed data is searchable at once, by query and by series lookup", async () => {
    const labels = uniqueLabels();
    await vm.importJsonLines([
      { metric: { __name__: "flush_probe", ...labels }, values: [42], timestamps: [T0 * 1000] },
    ]);
    await vm.flush();
    expect(await vm.query(`last_over_time(flush_probe${selector(labels)}[1m])`, T0 + 30)).toEqual([
      { metric: { __name__: "flush_probe", ...labels }, value: [T0 + 30, 42] }, // last_over_time keeps the name
    ]);
    expect(await vm.series([`flush_probe${selector(labels)}`])).toEqual([{ __name__: "flush_probe", ...labels }]);
  });

  test("delete removes only the selected series", async () => {
    const labels = uniqueLabels();
    const mk = (status: string): JsonLine => ({
      metric: { __name__: "del_probe", ...labels, status },
      values: [1],
      timestamps: [T0 * 1000],
    });
    await vm.importJsonLines([mk("200"), mk("500")]);
    await vm.flush();
    await vm.deleteSeries([`del_probe${selector({ ...labels, status: "500" })}`]);
    const left = await vm.series([`del_probe${selector(labels)}`]);
    expect(left).toEqual([{ __name__: "del_probe", ...labels, status: "200" }]);
  });

  test("a bad query fails with the endpoint, the status, VictoriaMetrics' message and the query", async () => {
    const error = await vm.query("sum(rate(foo[5m]", T0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VmError);
    expect((error as VmError).status).toBe(422);
    expect((error as VmError).message).toMatch(
      /^victoria-metrics GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query answered HTTP 422: .*unparsed data|cannot parse/s,
    );
    expect((error as VmError).message).toContain("\nquery: sum(rate(foo[5m]");
  });

  test("a server that is gone fails with the endpoint and the connection error", async () => {
    const dedicated = await VictoriaMetrics.start();
    const client = new VmClient(dedicated.endpoints, 2_000);
    await dedicated.stop();
    await expect(client.query("up", T0)).rejects.toThrow(
      new RegExp(`^victoria-metrics GET ${dedicated.url}/api/v1/query failed: ECONNREFUSED`),
    );
  });

  describe("a server that fails after its headers", () => {
    // Headers, the start of a JSON answer, then nothing more: the failure is in the body read.
    type Failure = "stalls" | "drops the connection";
    let failure: Failure;
    let stub: Server;
    let client: VmClient;
    const TIMEOUT_MS = 300;

    beforeAll(async () => {
      stub = createServer((_, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        // Dropped only once the start is on the wire, so the client has the headers before the close.
        res.write('{"status":"success","data":{"resultType":"vector","result":[', () => {
          if (failure === "drops the connection") res.socket?.destroy();
        });
      });
      await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
      client = new VmClient(
        singleNodeEndpoints(`http://127.0.0.1:${(stub.address() as AddressInfo).port}`),
        TIMEOUT_MS,
      );
    });
    afterAll(async () => {
      stub.closeAllConnections();
      await new Promise((resolve) => stub.close(resolve));
    });

    test.each<[Failure, RegExp]>([
      // Without the timeout this would never settle: the stub never ends the body.
      ["stalls", new RegExp(`while reading the answer: no answer within ${TIMEOUT_MS} ms`)],
      ["drops the connection", /while reading the answer: the connection closed before the answer ended/],
    ])("and then %s fails with a VmError without a status, naming the endpoint", async (f, cause) => {
      failure = f;
      const error = await client.query("up", T0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VmError);
      expect((error as VmError).status).toBeUndefined();
      expect((error as VmError).message).toMatch(
        /^victoria-metrics GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query answered HTTP 200 but failed /,
      );
      expect((error as VmError).message).toMatch(cause);
    });
  });
});
