// The HTTP surface around GraphQL (metrics-api.md §7).
import { runVm } from "../run/context";
import { createMetricsApi, type RunningMetricsApi } from "./server";
import { memoryLogger } from "./test-support";

let api: RunningMetricsApi;
beforeAll(async () => {
  api = await createMetricsApi({ vm: runVm(), logger: memoryLogger() });
});
afterAll(() => api.close());

const at = (path: string) => new URL(path, api.url).href;

test("listens on a free loopback port by default and names its GraphQL endpoint", () => {
  expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
});

test("GET /graphql in a browser is GraphiQL, without a key", async () => {
  const response = await fetch(api.url, { headers: { accept: "text/html" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/text\/html/);
  expect(await response.text()).toMatch(/GraphiQL/);
});

test("/healthz answers 200 and /readyz 200 while VictoriaMetrics answers", async () => {
  expect((await fetch(at("/healthz"))).status).toBe(200);
  expect((await fetch(at("/readyz"))).status).toBe(200);
});

test("other paths are 404", async () => {
  expect((await fetch(at("/"))).status).toBe(404);
  expect((await fetch(at("/graphql/extra"))).status).toBe(404);
});

test("close() stops listening, and can be called again", async () => {
  const other = await createMetricsApi({ vm: runVm() });
  await other.close();
  await other.close();
  await expect(fetch(at("/healthz").replace(new URL(api.url).port, new URL(other.url).port))).rejects.toThrow();
});
