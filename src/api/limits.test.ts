// Every limit and bad input of metrics-api.md §6: a typed error saying what is allowed, never an HTTP 5xx.
import { ts } from "../series";
import { LIMITS } from "./limits";
import { dataOf, errorOf, freshIds, ingest, startTestApi, type GraphQLAnswer, type TestApi } from "./test-support";

let t: TestApi;
let id: string;
beforeAll(async () => {
  t = await startTestApi();
  id = freshIds().modelVersionId;
  await ingest({ namespace: t.namespace, model_version_id: id }, ({ counter }) => {
    counter("model_requests_total", { status: "200" }).inc(ts(50));
  });
});
afterAll(() => t.api.close());

const iso = (n: number) => ts(n).toISOString().replace(".000Z", "Z");
const RANGE = `query ($id: ID!, $start: DateTime!, $end: DateTime!, $step: Int) {
  range_model_metrics(model_version_id: $id, start: $start, end: $end, step_seconds: $step) { inference_volume { timestamp } }
}`;
const INSTANT = `query ($id: ID!, $start: DateTime!, $end: DateTime!) {
  instant_model_metrics(model_version_id: $id, start: $start, end: $end) { inference_volume }
}`;
const DAY = 86_400;

async function expectBadInput(query: string, variables: Record<string, unknown>, message: RegExp): Promise<void> {
  const error = errorOf(await t.ask(query, { id, ...variables }));
  expect(error).toMatchObject({ code: "BAD_USER_INPUT" });
  expect(error.message).toMatch(message);
}

describe("DateTime", () => {
  test.each([
    ["a fraction", "2024-01-01T00:00:50.5Z", /fractional second/],
    ["a millisecond", "2024-01-01T00:00:50.001Z", /fractional second/],
    ["no offset", "2024-01-01T00:00:50", /not an RFC 3339 instant/],
    ["a space for T", "2024-01-01 00:00:50Z", /not an RFC 3339 instant/],
    ["a date only", "2024-01-01", /not an RFC 3339 instant/],
    ["words", "yesterday", /not an RFC 3339 instant/],
    ["month 13", "2024-13-01T00:00:00Z", /not a valid calendar instant/],
    ["February 30th", "2024-02-30T00:00:00Z", /not a valid calendar instant/],
    ["second 60", "2024-01-01T00:00:60Z", /not a valid calendar instant/],
    ["offset +24:00", "2024-01-01T00:00:00+24:00", /not a valid calendar instant/],
    ["a time before 1970", "1969-12-31T23:59:59Z", /out of range/],
    ["a number", 1704067250, /must be a string/],
  ])("with %s is BAD_USER_INPUT", (_, start, message) => expectBadInput(RANGE, { start, end: iso(300) }, message));

  test("a literal in the document is checked the same way", async () => {
    const query = `{ instant_model_metrics(model_version_id: "${id}", start: "2024-01-01T00:00:00.5Z", end: "${iso(60)}") { inference_volume } }`;
    expect(errorOf(await t.ask(query)).code).toBe("BAD_USER_INPUT");
  });
});

describe("range", () => {
  test.each([
    ["end before start", { start: iso(60), end: iso(59) }, /end is before start/],
    [
      "step 0",
      { start: iso(0), end: iso(60), step: 0 },
      /step_seconds is 0; it must be a whole number from 1 to 86400/,
    ],
    ["a negative step", { start: iso(0), end: iso(60), step: -60 }, /step_seconds/],
    ["step 86401", { start: iso(0), end: iso(60), step: DAY + 1 }, /from 1 to 86400/],
    ["a step beyond Int", { start: iso(0), end: iso(60), step: 2 ** 31 }, /Int/],
    ["a fractional step", { start: iso(0), end: iso(60), step: 1.5 }, /Int/],
    ["11,001 points", { start: iso(0), end: iso(11_000), step: 1 }, /11001 points.*at most 11000.*at least 2/],
    ["11,001 points at the default step", { start: iso(0), end: iso(11_000 * 60) }, /11001 points at step_seconds 60/],
  ])("%s is BAD_USER_INPUT", (_, variables, message) => expectBadInput(RANGE, variables, message));

  test("11,000 points and a start equal to end are allowed", async () => {
    expect(
      dataOf(await t.ask(RANGE, { id, start: iso(0), end: iso(10_999), step: 1 })).range_model_metrics.inference_volume,
    ).toHaveLength(11_000);
    expect(
      dataOf(await t.ask(RANGE, { id, start: iso(0), end: iso(0), step: DAY })).range_model_metrics.inference_volume,
    ).toHaveLength(1);
  });
});

describe("instant window", () => {
  test.each([
    ["empty", { start: iso(60), end: iso(60) }, /window from start to end is 0 s; it must be from 1 s to 400 days/],
    ["reversed", { start: iso(60), end: iso(0) }, /end is before start/],
    ["400 days and a second", { start: iso(0), end: iso(400 * DAY + 1) }, /34560001 s/],
  ])("%s is BAD_USER_INPUT", (_, variables, message) => expectBadInput(INSTANT, variables, message));

  test("1 s and 400 days are allowed", async () => {
    expect(
      dataOf(await t.ask(INSTANT, { id, start: iso(49), end: iso(50) })).instant_model_metrics.inference_volume,
    ).toBe(1);
    expect(
      dataOf(await t.ask(INSTANT, { id, start: iso(0), end: iso(400 * DAY) })).instant_model_metrics.inference_volume,
    ).toBe(1);
  });
});

describe("the document", () => {
  const fields = (n: number) => Array.from({ length: n }, (_, i) => `f${i}: inference_volume`).join(" ");
  const instant = (selection: string, alias = "m") =>
    `${alias}: instant_model_metrics(model_version_id: "${id}", start: "${iso(0)}", end: "${iso(60)}") { ${selection} }`;

  test(`${LIMITS.maxMetricFields} metric fields are allowed; one more is BAD_USER_INPUT`, async () => {
    const answer = await t.ask(`{ ${instant(fields(LIMITS.maxMetricFields))} }`);
    expect(Object.keys(dataOf(answer).m)).toHaveLength(LIMITS.maxMetricFields);
    const error = errorOf(await t.ask(`{ ${instant(fields(LIMITS.maxMetricFields + 1))} }`));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/51 metric fields; at most 50/);
  });

  test("metric fields are counted across root queries, aliases and fragments", async () => {
    const query = `
      { ${instant("...F", "a")} ${instant("...F", "b")} ${instant("... on InstantModelMetrics { ...F }", "c")} }
      fragment F on InstantModelMetrics { ${fields(17)} }`;
    expect(errorOf(await t.ask(query)).message).toMatch(/51 metric fields/);
  });

  test("fragments spread inside fragments are counted without blowing up", async () => {
    // 2^20 metric fields once expanded; the count is memoized, so the answer is immediate.
    const levels = Array.from(
      { length: 20 },
      (_, i) => `fragment L${i} on InstantModelMetrics { ...L${i + 1} ...L${i + 1} }`,
    );
    const query = `{ ${instant("...L0")} } ${levels.join(" ")} fragment L20 on InstantModelMetrics { inference_volume }`;
    const started = Date.now();
    expect(errorOf(await t.ask(query)).message).toMatch(/1048576 metric fields/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test(`more than ${LIMITS.maxRootQueries} root queries is BAD_USER_INPUT, even without metric fields`, async () => {
    const roots = (n: number) => Array.from({ length: n }, (_, i) => instant("__typename", `r${i}`)).join(" ");
    expect(Object.keys(dataOf(await t.ask(`{ ${roots(LIMITS.maxRootQueries)} }`)))).toHaveLength(LIMITS.maxRootQueries);
    expect(errorOf(await t.ask(`{ ${roots(LIMITS.maxRootQueries + 1)} }`)).message).toMatch(
      /51 metric queries; at most 50/,
    );
  });

  test("20 KB is allowed; one byte more is BAD_USER_INPUT", async () => {
    const query = `{ ${instant("inference_volume")} }`;
    const padded = (bytes: number) => query + " ".repeat(bytes - Buffer.byteLength(query));
    expect(dataOf(await t.ask(padded(LIMITS.maxDocumentBytes))).m.inference_volume).toBe(1);
    const error = errorOf(await t.ask(padded(LIMITS.maxDocumentBytes + 1)));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/20481 bytes; at most 20480/);
  });

  test("a body over the limit is HTTP 413 with BAD_USER_INPUT, without reading it", async () => {
    const answer = await t.ask("{ __typename }", { padding: "x".repeat(LIMITS.maxBodyBytes) });
    expect(answer.status).toBe(413);
    expect(errorOf(answer).code).toBe("BAD_USER_INPUT");
  });

  test.each([
    ["a syntax error", "{ range_model_metrics(", "GRAPHQL_PARSE_FAILED"],
    ["an unknown field", `{ ${instant("nope")} }`, "GRAPHQL_VALIDATION_FAILED"],
    [
      "a missing argument",
      `{ instant_model_metrics(start: "${iso(0)}", end: "${iso(60)}") { inference_volume } }`,
      "GRAPHQL_VALIDATION_FAILED",
    ],
    [
      "a missing variable",
      "query ($id: ID!) { instant_billing_metrics(model_version_id: $id, start: $id, end: $id) { total_billable_minutes } }",
      "GRAPHQL_VALIDATION_FAILED",
    ],
  ])("%s is a typed error, no 5xx", async (_, query, code) => {
    const answer = await t.ask(query);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
  });
});

describe("values per document", () => {
  // 10 aliases x 10,000 points x 2 leaves = 200,000 values: the most the contract allows.
  const aliases = Array.from({ length: 10 }, (_, i) => `v${i}: inference_volume { timestamp value }`).join(" ");
  const range = (points: number) =>
    `{ range_model_metrics(model_version_id: "${id}", start: "${iso(0)}", end: "${iso(points - 1)}", step_seconds: 1) { ${aliases} } }`;

  test(`${LIMITS.maxDocumentValues} values are allowed; one point more is BAD_USER_INPUT saying the limit`, async () => {
    expect(Object.keys(dataOf(await t.ask(range(10_000))).range_model_metrics)).toHaveLength(10);
    const error = errorOf(await t.ask(range(10_001)));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/200020 values \(points × leaf fields.*\); at most 200000 are allowed/);
  });

  test("values are counted over root queries, aliases and fragments, with points from variables", async () => {
    // Three roots of 11,000 points x (5 + 1) leaves, and a billing series of 11,000 x 2 + 1: 220,001.
    const query = `query ($id: ID!, $start: DateTime!, $end: DateTime!, $step: Int) {
      a: range_model_metrics(model_version_id: $id, start: $start, end: $end, step_seconds: $step) { ...P }
      b: range_model_metrics(model_version_id: $id, start: $start, end: $end, step_seconds: $step) { ...P }
      c: range_model_metrics(model_version_id: $id, start: $start, end: $end, step_seconds: $step) { ...P }
      d: range_billing_metrics(start: $start, end: $end, step_seconds: $step) { replicas { instance_type points { timestamp value } } }
    }
    fragment P on RangeModelMetrics { response_time_percentiles { timestamp p50 p90 p95 p99 } x: inference_volume { value } }`;
    const error = errorOf(await t.ask(query, { id, start: iso(0), end: iso(10_999), step: 1 }));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/^The answer would hold 220001 values/);
  });
});

describe("the request", () => {
  /** POSTs a body as it is, with a valid key: what a client that is not a GraphQL library may send. */
  async function post(body: string, contentType: string): Promise<GraphQLAnswer> {
    const response = await fetch(t.api.url, {
      method: "POST",
      headers: { "content-type": contentType, authorization: `Bearer ${t.key}` },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as GraphQLAnswer["body"], text };
  }
  const MULTIPART = "multipart/form-data; boundary=b0undary";

  test.each([
    ["a number", '{"query":123}', /"query" param to be a string, but given number/],
    ["an object", '{"query":{"a":1}}', /"query" param to be a string, but given object/],
  ])("a query that is %s is HTTP 400 with BAD_REQUEST", async (_, body, message) => {
    const error = errorOf(await post(body, "application/json"));
    expect(error).toMatchObject({ code: "BAD_REQUEST", status: 400 });
    expect(error.message).toMatch(message);
  });

  test.each([
    ["cut short", '--b0undary\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}', MULTIPART],
    ["without a boundary", "garbage", "multipart/form-data"],
    [
      "with operations that are not JSON",
      '--b0undary\r\nContent-Disposition: form-data; name="operations"\r\n\r\nnot json\r\n--b0undary--\r\n',
      MULTIPART,
    ],
  ])("a multipart body %s is HTTP 400 with BAD_REQUEST saying what to send", async (_, body, contentType) => {
    const error = errorOf(await post(body, contentType));
    expect(error).toMatchObject({ code: "BAD_REQUEST", status: 400 });
    expect(error.message).toMatch(/multipart\/form-data.*Send a POST with Content-Type: application\/json/s);
  });

  const DEEP = 2_000;
  test.each([
    ["selections", `{ ${"a { ".repeat(DEEP)}b${" }".repeat(DEEP)} }`],
    ["list literals", `{ ${instantBilling(`${"[".repeat(DEEP)}1${"]".repeat(DEEP)}`)} }`],
    ["object literals", `{ ${instantBilling(`${"{a: ".repeat(DEEP)}1${"}".repeat(DEEP)}`)} }`],
    ["list types of a variable", `query ($v: ${"[".repeat(DEEP)}ID${"]".repeat(DEEP)}) { ${instantBilling("$v")} }`],
  ])(`%s nested ${DEEP} levels deep are BAD_USER_INPUT saying how deep is allowed`, async (_, query) => {
    const error = errorOf(await t.ask(query));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(
      new RegExp(`nests brackets \\d+ levels deep; at most ${LIMITS.maxNestingDepth} are allowed`),
    );
  });

  test(`brackets nested ${LIMITS.maxNestingDepth} levels deep pass the bound; the list is then refused as any value that is no DateTime`, async () => {
    // `{` and `(` are two levels; the list brackets make up the rest.
    const list = (depth: number) => `${"[".repeat(depth - 2)}1${"]".repeat(depth - 2)}`;
    expect(errorOf(await t.ask(`{ ${instantBilling(list(LIMITS.maxNestingDepth))} }`)).message).toMatch(
      /DateTime must be a string/,
    );
    expect(errorOf(await t.ask(`{ ${instantBilling(list(LIMITS.maxNestingDepth + 1))} }`)).message).toMatch(
      /levels deep/,
    );
  });
});

function instantBilling(start: string): string {
  return `instant_billing_metrics(start: ${start}, end: "${iso(60)}") { total_billable_minutes }`;
}
