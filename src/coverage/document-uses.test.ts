import { buildSchema } from "graphql";
import { documentUses } from "./document-uses";
import { schemaSurface } from "./schema-surface";
import { contractSchema } from "./test-support";

const schema = contractSchema();

describe("what a case's document asks of the schema", () => {
  test("fields at every depth, through fragments and inline fragments, as schema coordinates; aliases count once", () => {
    const uses = documentUses(
      schema,
      `query ($id: ID!) {
        a: range_model_metrics(model_version_id: $id, start: "2024-01-01T00:00:00Z", end: "2024-01-01T00:05:00Z") {
          ...volume
          ... on RangeModelMetrics { error_rate { timestamp } }
        }
        b: range_model_metrics(model_version_id: $id, start: "2024-01-01T00:00:00Z", end: "2024-01-01T00:05:00Z") { __typename }
      }
      fragment volume on RangeModelMetrics { inference_volume { value } }`,
      { id: "mv" },
    );
    expect([...uses.fields].sort()).toEqual([
      "Query.range_model_metrics",
      "RangeModelMetrics.error_rate",
      "RangeModelMetrics.inference_volume",
      "ValuePoint.timestamp",
      "ValuePoint.value",
    ]);
    expect(uses.roots.map((r) => [r.field, r.ranged, r.metricFields.map((f) => f.name)])).toEqual([
      ["range_model_metrics", true, ["inference_volume", "error_rate"]],
      ["range_model_metrics", true, []],
    ]);
  });

  test("arguments given a value, from literals or variables; null or left out is not given; values are coerced", () => {
    const uses = documentUses(
      schema,
      `query ($start: DateTime!, $end: DateTime!, $step: Int = 30, $id: ID) {
        range_billing_metrics(start: $start, end: $end, step_seconds: $step, model_version_id: $id) { replicas { instance_type } }
        instant_billing_metrics(start: $start, end: $end, model_version_id: null) { total_billable_minutes }
      }`,
      { start: "2024-01-01T00:00:00Z", end: "2024-01-01T00:05:00Z" },
    );
    expect([...uses.args].sort()).toEqual([
      "Query.instant_billing_metrics(end:)",
      "Query.instant_billing_metrics(start:)",
      "Query.range_billing_metrics(end:)",
      "Query.range_billing_metrics(start:)",
      "Query.range_billing_metrics(step_seconds:)",
    ]);
    expect(uses.roots[0]!.args).toEqual({
      start: "2024-01-01T00:00:00Z",
      end: "2024-01-01T00:05:00Z",
      step_seconds: 30,
    });
    expect(uses.roots[1]!.ranged).toBe(false);
  });

  test("a document that does not parse, or a field the schema lacks, uses nothing (the case's run failed it)", () => {
    expect(documentUses(schema, "query { range_model_metrics(", {}).fields.size).toBe(0);
    expect([...documentUses(schema, "{ instant_model_metrics { inference_volum } }", {}).fields]).toEqual([
      "Query.instant_model_metrics",
    ]);
  });
});

test("a schema's surface: fields and arguments reachable from Query, and the fields of the root queries' results", () => {
  const surface = schemaSurface(
    buildSchema(`
      type Query { a(x: Int): A, b: B }
      type A { n: Int, b: B }
      type B { m: Int }
      type Unused { u: Int }
      type Mutation { set: Int }
      schema { query: Query, mutation: Mutation }
    `),
  );
  expect(surface).toEqual({
    fields: ["Query.a", "Query.b", "A.n", "A.b", "B.m"],
    arguments: ["Query.a(x:)"],
    metricFields: ["A.n", "A.b", "B.m"],
  });
  expect(schemaSurface(schema).metricFields).toHaveLength(18);
});
