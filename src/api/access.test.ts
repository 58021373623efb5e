// Who sees what (metrics-api.md §5): keys, namespaces, and ids that try to break out of a selector.
import { ts } from "../series";
import { dataOf, errorOf, freshIds, graphql, ingest, startTestApi, type TestApi } from "./test-support";

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(() => t.api.close());

const iso = (n: number) => ts(n).toISOString().replace(".000Z", "Z");
const VOLUME = `query ($id: ID!) {
  instant_model_metrics(model_version_id: $id, start: "${iso(0)}", end: "${iso(300)}") { inference_volume }
}`;
const NAMESPACE_BILLING = `{
  instant_billing_metrics(start: "${iso(0)}", end: "${iso(300)}") {
    billable_minutes_by_instance_type { instance_type minutes }
    total_billable_minutes
  }
}`;
const traffic: Parameters<typeof ingest>[1] = ({ counter }) => {
  counter("model_requests_total", { status: "200" }).inc(ts(50)).inc(ts(60));
  counter("model_replica_seconds_total", { instance_type: "A10G" }).ramp(ts(0), ts(300), 1);
};

describe("keys", () => {
  test.each([
    ["no Authorization header", undefined],
    ["an unknown key", "not-a-key"],
    ["an empty bearer", ""],
  ])("%s is HTTP 401 with UNAUTHENTICATED", async (_, key) => {
    const answer = await graphql(t.api.url, key, "{ __typename }");
    expect(answer.status).toBe(401);
    expect(errorOf(answer).code).toBe("UNAUTHENTICATED");
    expect(answer.body.data).toBeUndefined();
  });

  test("a key in another scheme than Bearer is HTTP 401", async () => {
    const response = await fetch(t.api.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${t.key}` },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  test("an unauthenticated caller learns nothing about its document", async () => {
    const answer = await graphql(t.api.url, "not-a-key", "{ no_such_field(");
    expect(answer.status).toBe(401);
    expect(errorOf(answer).code).toBe("UNAUTHENTICATED");
  });

  test("a key added while the server runs works at once", async () => {
    const { namespace, modelVersionId } = freshIds();
    await ingest({ namespace, model_version_id: modelVersionId }, traffic);
    t.api.keys.add("late-key", namespace);
    expect(dataOf(await t.ask(VOLUME, { id: modelVersionId }, "late-key")).instant_model_metrics.inference_volume).toBe(
      2,
    );
  });
});

describe("namespaces", () => {
  test("another namespace's model version is NOT_FOUND, exactly like one that exists nowhere", async () => {
    const owner = t.newTenant();
    const { modelVersionId: foreign } = freshIds();
    await ingest({ namespace: owner.namespace, model_version_id: foreign }, traffic);
    expect(dataOf(await t.ask(VOLUME, { id: foreign }, owner.key)).instant_model_metrics.inference_volume).toBe(2);

    const { modelVersionId: nowhere } = freshIds();
    const stolen = await t.ask(VOLUME, { id: foreign });
    const missing = await t.ask(VOLUME, { id: nowhere });
    expect(errorOf(stolen).code).toBe("NOT_FOUND");
    expect(stolen.status).toBe(missing.status);
    expect(stolen.text.replaceAll(foreign, "<id>")).toBe(missing.text.replaceAll(nowhere, "<id>"));
    expect(stolen.text).not.toContain(owner.namespace);
  });

  test("a model version with data only outside the window answers zeros, not NOT_FOUND", async () => {
    const { modelVersionId } = freshIds();
    await ingest({ namespace: t.namespace, model_version_id: modelVersionId }, traffic);
    const later = `query ($id: ID!) { instant_model_metrics(model_version_id: $id, start: "${iso(400)}", end: "${iso(500)}") { inference_volume } }`;
    expect(dataOf(await t.ask(later, { id: modelVersionId })).instant_model_metrics.inference_volume).toBe(0);
  });

  test("NOT_FOUND holds for every query that names a model version", async () => {
    const { modelVersionId } = freshIds();
    const queries = [
      `range_model_metrics(model_version_id: $id, start: "${iso(0)}", end: "${iso(60)}") { inference_volume { value } }`,
      `range_billing_metrics(model_version_id: $id, start: "${iso(0)}", end: "${iso(60)}") { replicas { instance_type } }`,
      `instant_billing_metrics(model_version_id: $id, start: "${iso(0)}", end: "${iso(60)}") { total_billable_minutes }`,
      // No metric field at all: the model version is still checked.
      `instant_model_metrics(model_version_id: $id, start: "${iso(0)}", end: "${iso(60)}") { __typename }`,
    ];
    for (const q of queries)
      expect(errorOf(await t.ask(`query ($id: ID!) { ${q} }`, { id: modelVersionId })).code).toBe("NOT_FOUND");
  });

  test("namespace-wide billing never mixes namespaces", async () => {
    const [mine, theirs] = [t.newTenant(), t.newTenant()];
    await ingest({ namespace: mine.namespace, model_version_id: freshIds().modelVersionId }, traffic);
    await ingest({ namespace: theirs.namespace, model_version_id: freshIds().modelVersionId }, ({ counter }) => {
      counter("model_replica_seconds_total", { instance_type: "A10G" }).ramp(ts(0), ts(300), 100);
      counter("model_replica_seconds_total", { instance_type: "SECRET" }).ramp(ts(0), ts(300), 100);
    });
    const answer = await t.ask(NAMESPACE_BILLING, {}, mine.key);
    expect(dataOf(answer).instant_billing_metrics).toEqual({
      billable_minutes_by_instance_type: [{ instance_type: "A10G", minutes: 5 }],
      total_billable_minutes: 5,
    });
  });

  test("a namespace full of quotes, backslashes, braces and newlines is escaped, not pasted", async () => {
    // Pasted raw, this namespace would close the selector and add every namespace's series.
    const hostile = `"} or model_replica_seconds_total{namespace=~".+`;
    const odd = `we"ird\\ns}{\n"`;
    const victim = t.newTenant();
    await ingest({ namespace: victim.namespace, model_version_id: freshIds().modelVersionId }, traffic);
    const { modelVersionId } = freshIds();
    await ingest({ namespace: odd, model_version_id: modelVersionId }, traffic);
    t.api.keys.add("hostile-key", hostile);
    t.api.keys.add("odd-key", odd);

    expect(
      dataOf(await t.ask(NAMESPACE_BILLING, {}, "hostile-key")).instant_billing_metrics.total_billable_minutes,
    ).toBe(0);
    expect(dataOf(await t.ask(NAMESPACE_BILLING, {}, "odd-key")).instant_billing_metrics.total_billable_minutes).toBe(
      5,
    );
    expect(dataOf(await t.ask(VOLUME, { id: modelVersionId }, "odd-key")).instant_model_metrics.inference_volume).toBe(
      2,
    );
    expect(errorOf(await t.ask(VOLUME, { id: modelVersionId }, "hostile-key")).code).toBe("NOT_FOUND");
  });
});

describe("model_version_id", () => {
  test.each([
    ["a quote", 'mv"} or vector(1) #'],
    ["a brace", "mv}"],
    ["a newline", "mv\nnamespace"],
    ["a regex", "mv.*|.+"],
    ["a backslash", "mv\\"],
    ["nothing", ""],
    ["a leading dash", "-mv"],
    ["129 characters", "m".repeat(129)],
  ])("carrying %s is BAD_USER_INPUT, and is not echoed", async (_, id) => {
    const answer = await t.ask(VOLUME, { id });
    const error = errorOf(answer);
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/model_version_id.*letter or digit/);
    if (id.length > 3) expect(answer.text).not.toContain(JSON.stringify(id).slice(1, -1));
  });

  test("128 characters of letters, digits and . _ : - is an id", async () => {
    const id = `A0._:-${"z".repeat(122)}`;
    expect(errorOf(await t.ask(VOLUME, { id })).code).toBe("NOT_FOUND");
  });
});
