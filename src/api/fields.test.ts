import { buildSchema, isObjectType } from "graphql";
import { INSTANT_BILLING_METRICS, INSTANT_MODEL_METRICS, RANGE_BILLING_METRICS, RANGE_MODEL_METRICS } from "./fields";
import { METRIC_TYPES, TYPE_DEFS } from "./schema";

// A field the schema has and the tables lack would fail at run time; this fails first.
test.each([
  ["RangeModelMetrics", RANGE_MODEL_METRICS],
  ["InstantModelMetrics", INSTANT_MODEL_METRICS],
  ["RangeBillingMetrics", RANGE_BILLING_METRICS],
  ["InstantBillingMetrics", INSTANT_BILLING_METRICS],
])("every field of %s has exactly one query", (typeName, table) => {
  const type = buildSchema(TYPE_DEFS).getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  expect(Object.keys(table).sort()).toEqual(Object.keys(type.getFields()).sort());
  expect(METRIC_TYPES.has(typeName)).toBe(true);
});
