import { parse } from "graphql";
import { createSchema } from "graphql-yoga";
import { answerValues } from "./answer-size";
import { DateTime } from "./datetime";
import { TYPE_DEFS } from "./schema";

// The schema as served: DateTime arguments arrive as Unix seconds, which the count needs.
const schema = createSchema({ typeDefs: TYPE_DEFS, resolvers: { DateTime } });
const count = (document: string, variables?: Record<string, unknown>, operationName?: string) =>
  answerValues(schema, parse(document), variables, operationName);

const HOUR = 'start: "2024-01-01T00:00:00Z", end: "2024-01-01T01:00:00Z"'; // 61 points at step 60
const range = (selection: string, args = `${HOUR}, step_seconds: 60`) =>
  `range_model_metrics(model_version_id: "m", ${args}) { ${selection} }`;
const instant = (selection: string) => `instant_model_metrics(model_version_id: "m", ${HOUR}) { ${selection} }`;

describe("answerValues: points x leaf fields, summed over every metric field and alias", () => {
  test.each([
    ["a range field", `{ ${range("inference_volume { timestamp value }")} }`, 61 * 2],
    [
      "percentiles, five leaves a point",
      `{ ${range("response_time_percentiles { timestamp p50 p90 p95 p99 }")} }`,
      61 * 5,
    ],
    [
      "aliases of one field each count",
      `{ ${range("a: inference_volume { value } b: inference_volume { value }")} }`,
      2 * 61,
    ],
    ["the default step of 60 s", `{ ${range("inference_volume { value }", HOUR)} }`, 61],
    [
      "__typename is a leaf like any other",
      `{ ${range("__typename inference_volume { __typename value }")} }`,
      1 + 61 * 2,
    ],
    [
      "an instant field is one point",
      `{ ${instant("inference_volume response_time_percentiles { p50 p99 }")} }`,
      1 + 2,
    ],
    [
      "a billing series counts its instance type once and its points' leaves per point (one series: their number is unknown before asking)",
      `{ range_billing_metrics(${HOUR}, step_seconds: 60) { billable_minutes { instance_type points { timestamp value } } } }`,
      1 + 61 * 2,
    ],
    [
      "instant billing",
      `{ instant_billing_metrics(${HOUR}) { billable_minutes_by_instance_type { instance_type minutes } total_billable_minutes } }`,
      3,
    ],
    ["root queries add up", `{ a: ${range("inference_volume { value }")} b: ${instant("error_rate")} }`, 61 + 1],
    [
      "fragments and inline fragments count where they are spread",
      `{ ${range("...F ... on RangeModelMetrics { ...F }")} } fragment F on RangeModelMetrics { error_rate { value } }`,
      2 * 61,
    ],
    ["fields outside the metric types count nothing", "{ __typename }", 0],
  ])("%s", (_, document, values) => expect(count(document)).toBe(values));

  test("points come from variables as well as literals", () => {
    const document = `query ($start: DateTime!, $end: DateTime!, $step: Int) {
      range_model_metrics(model_version_id: "m", start: $start, end: $end, step_seconds: $step) { inference_volume { value } } }`;
    expect(count(document, { start: "2024-01-01T00:00:00Z", end: "2024-01-01T00:00:09Z", step: 1 })).toBe(10);
  });

  test("only the operation that runs counts", () => {
    const document = `query Small { ${instant("error_rate")} } query Large { ${range("inference_volume { value }")} }`;
    expect(count(document, {}, "Small")).toBe(1);
    expect(count(document, {}, "Large")).toBe(61);
  });

  test.each([
    ["end before start", 'start: "2024-01-01T01:00:00Z", end: "2024-01-01T00:00:00Z"'],
    [
      "more points than one field may have",
      'start: "2024-01-01T00:00:00Z", end: "2024-01-02T00:00:00Z", step_seconds: 1',
    ],
    ["a DateTime that is not one", 'start: "yesterday", end: "2024-01-01T00:00:00Z"'],
  ])("a root query refused for %s counts nothing: its resolver says what is wrong", (_, args) => {
    expect(count(`{ ${range("inference_volume { value }", args)} }`)).toBe(0);
  });

  test("variables that cannot be coerced count nothing: execution says what is wrong", () => {
    const document = `query ($step: Int) { ${range("inference_volume { value }", `${HOUR}, step_seconds: $step`)} }`;
    expect(count(document, { step: "sixty" })).toBe(0);
  });

  test("fragments spread inside fragments are counted once each, so the count cannot explode", () => {
    const levels = Array.from(
      { length: 30 },
      (_, i) => `fragment L${i} on InstantModelMetrics { ...L${i + 1} ...L${i + 1} }`,
    );
    const document = `{ ${instant("...L0")} } ${levels.join(" ")} fragment L30 on InstantModelMetrics { error_rate }`;
    expect(count(document)).toBe(2 ** 30);
  });
});
