// `npm run serve` as a newcomer and an operator run it. Its whole life (start, Ctrl-C, exit codes)
// in a child process, read through its output; what it does with each environment, in this one.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { runContext } from "../run/context";
import { serve as serveHere, stopServing, whyNotServing, type Serving } from "./serve";
import { dataOf, errorOf, graphql } from "./test-support";

const MAIN = join(__dirname, "main.ts");

interface Served {
  child: ChildProcessWithoutNullStreams;
  /** Output lines so far. */
  lines: string[];
  exited: Promise<number | null>;
}

/** Every process a test started, killed after it whatever happened (a test that times out skips its own finally). */
const started = new Set<ChildProcessWithoutNullStreams>();
afterEach(() => {
  for (const child of started) child.kill("SIGKILL");
  started.clear();
});

function serve(env: Record<string, string>): Served {
  const child = spawn(process.execPath, ["--require", "tsx/cjs", MAIN], {
    env: { ...process.env, PORT: "0", ...env },
  });
  started.add(child);
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on("line", (l) => lines.push(l));
  createInterface({ input: child.stderr }).on("line", (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines, exited };
}

/** Resolves with the first output line matching `pattern`; fails with the output if the process exits first. */
function waitFor(served: Served, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      for (const line of served.lines) {
        const m = pattern.exec(line);
        if (m) return resolve(m);
      }
      return false;
    };
    if (check() !== false) return;
    const onLine = () => void check();
    served.child.stdout.on("data", () => setImmediate(onLine));
    served.exited.then((code) =>
      reject(new Error(`exited (${code}) before printing ${pattern}:\n${served.lines.join("\n")}`)),
    );
  });
}

test("without VM_URL it serves demo data, and Ctrl-C stops everything it started", async () => {
  const served = serve({ VM_URL: "", METRICS_API_KEYS: "" });
  try {
    const [, url] = await waitFor(served, /^Model metrics API: (\S+)/);
    const [, vmUrl, storage] = await waitFor(
      served,
      /^VictoriaMetrics: +(\S+) +\(started for this session, storage (\S+);/,
    );
    const [, key] = await waitFor(served, /^Demo key: +(\S+)/);
    const [, id] = await waitFor(served, /^Model versions: +([\w.:-]+)/);
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const query = `{ instant_model_metrics(model_version_id: "${id}",
      start: "${new Date(now - 3_600_000).toISOString()}", end: "${new Date(now).toISOString()}") { inference_volume } }`;
    expect(dataOf(await graphql(url!, key, query)).instant_model_metrics.inference_volume).toBeGreaterThan(0);
    expect(existsSync(storage!)).toBe(true);

    served.child.kill("SIGINT");
    expect(await served.exited).toBe(0);
    expect(existsSync(storage!)).toBe(false);
    await expect(fetch(`${vmUrl}/health`)).rejects.toThrow();
    await expect(fetch(url!)).rejects.toThrow();
  } finally {
    served.child.kill("SIGKILL");
  }
});

/** What `npm run serve` prints with `env` (PORT=0), or what it says when it refuses; what it started is stopped after the test. */
const servings: Serving[] = [];
afterEach(async () => {
  await Promise.all(servings.splice(0).map(stopServing));
});
async function serveWith(env: Record<string, string>): Promise<{ output: string; serving: Serving; failed: boolean }> {
  const serving: Serving = {};
  servings.push(serving);
  const warnings: string[] = [];
  try {
    const printed = await serveHere({ PORT: "0", ...env }, serving, (w) => warnings.push(w));
    return { output: [...warnings, printed].join("\n"), serving, failed: false };
  } catch (err) {
    return { output: [...warnings, `npm run serve: ${whyNotServing(err)}`].join("\n"), serving, failed: true };
  }
}

test("with VM_URL it serves that VictoriaMetrics to the keys of METRICS_API_KEYS, until SIGTERM", async () => {
  const served = serve({ VM_URL: runContext().vm.endpoints.select, METRICS_API_KEYS: "k1=ns-one, k2=ns-two" });
  try {
    const [, url] = await waitFor(served, /^Model metrics API: (\S+)/);
    await waitFor(served, /^API keys: +2 /);
    expect(dataOf(await graphql(url!, "k2", "{ __typename }"))).toEqual({ __typename: "Query" });
    expect(errorOf(await graphql(url!, "ns-one", "{ __typename }")).code).toBe("UNAUTHENTICATED");
    served.child.kill("SIGTERM");
    expect(await served.exited).toBe(0);
  } finally {
    served.child.kill("SIGKILL");
  }
});

test("a bad PORT stops it at once with exit code 1, saying what is allowed", async () => {
  const served = serve({ VM_URL: runContext().vm.endpoints.select, PORT: "http" });
  expect(await served.exited).toBe(1);
  expect(served.lines.join("\n")).toMatch(/^npm run serve: PORT is 'http'; it must be a whole number from 0 to 65535/m);
});

test("a bad METRICS_API_KEYS is refused before anything starts, saying what is allowed", async () => {
  const { output, serving, failed } = await serveWith({
    VM_URL: runContext().vm.endpoints.select,
    METRICS_API_KEYS: "k1=ns1,oops",
  });
  expect(failed).toBe(true);
  expect(output).toMatch(/METRICS_API_KEYS entry 2 is not key=namespace/);
  expect(serving).toEqual({});
});

test("a PORT already in use is refused, saying to set PORT, and leaves nothing running", async () => {
  const blocker = createNetServer();
  await new Promise<void>((listening) => blocker.listen(0, "127.0.0.1", listening));
  try {
    const { port } = blocker.address() as { port: number };
    const { output, serving, failed } = await serveWith({
      VM_URL: runContext().vm.endpoints.select,
      PORT: String(port),
    });
    expect(failed).toBe(true);
    expect(output).toContain(
      `npm run serve: 127.0.0.1:${port} is already in use. Set PORT to another port (PORT=0 takes a free one)`,
    );
    expect(serving.api).toBeUndefined();
  } finally {
    blocker.close();
  }
});

describe("a VM_URL that is not VictoriaMetrics", () => {
  let stub: Server | undefined;
  afterEach(async () => {
    stub?.closeAllConnections();
    await new Promise((resolve) => (stub ? stub.close(resolve) : resolve(undefined)));
    stub = undefined;
  });
  /** A stand-in on loopback answering every request with `answer`; its base URL. */
  async function standIn(answer: RequestListener): Promise<string> {
    stub = createServer(answer);
    await new Promise<void>((resolve) => stub!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  }

  test.each<[string, RequestListener, RegExp]>([
    [
      "a web page",
      (_, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>a dashboard</html>"),
      /answered, but not with JSON of the Prometheus query API/,
    ],
    ["404", (_, res) => res.writeHead(404).end("not found"), /answered HTTP 404: not found/],
    [
      "a query API without MetricsQL",
      (_, res) =>
        res
          .writeHead(400, { "content-type": "application/json" })
          .end('{"status":"error","errorType":"bad_data","error":"parse error: unexpected <by>"}'),
      /answered HTTP 400: parse error/,
    ],
  ])("answering with %s is refused before the API starts, saying what it found", async (_, answer, found) => {
    const url = await standIn(answer);
    const { output, serving, failed } = await serveWith({ VM_URL: url, METRICS_API_KEYS: "k1=ns1" });
    expect(failed).toBe(true);
    expect(output).toMatch(new RegExp(`VM_URL=${url} is not VictoriaMetrics`));
    expect(output).toMatch(found);
    expect(output).not.toMatch(/^Model metrics API:/m);
    expect(serving).toEqual({});
  });

  test("that does not answer, it warns loudly and serves, with /readyz 503", async () => {
    // A loopback port that was free a moment ago: nothing listens there.
    const url = await standIn(() => {});
    await new Promise((resolve) => stub!.close(resolve));
    stub = undefined;
    const { output, failed } = await serveWith({ VM_URL: url, METRICS_API_KEYS: "k1=ns1" });
    expect(failed).toBe(false);
    const [, apiUrl] = /^Model metrics API: (\S+)/m.exec(output)!;
    expect(output).toMatch(new RegExp(`^WARNING: VM_URL=${url} did not answer\\. .*ECONNREFUSED`, "m"));
    expect(await fetch(new URL("/readyz", apiUrl)).then((r) => r.status)).toBe(503);
  });
});

test("demo mode on a HOST beyond loopback is refused before anything starts, saying why and what to do", async () => {
  const { output, serving, failed } = await serveWith({ VM_URL: "", HOST: "0.0.0.0", METRICS_API_KEYS: "" });
  expect(failed).toBe(true);
  expect(output).toMatch(/demo key .*anyone who can open it.*HOST is '0\.0\.0\.0'/s);
  expect(output).toMatch(/HOST=127\.0\.0\.1.*ssh -L.*VM_URL/s);
  expect(serving).toEqual({});
});
