import {
  INSTANT_BILLING_METRICS,
  INSTANT_MODEL_METRICS,
  RANGE_BILLING_METRICS,
  RANGE_MODEL_METRICS,
  type Upstream,
} from "../api/fields";
import { CONTRACT_FIELDS, groupOf } from "./contract";

/** The MetricsQL the reference API sends for one field, caught before it reaches VictoriaMetrics. */
async function metricsqlOf(
  table: Record<string, (vm: Upstream, scope: never, window: never) => Promise<unknown>>,
  field: string,
) {
  const sent: string[] = [];
  const upstream: Upstream = {
    range: async (query) => (sent.push(query), []),
    instant: async (query) => (sent.push(query), []),
  };
  const window = { start: 0, end: 60, step: 60, timestamps: [0, 60], seconds: 60 };
  await table[field]!(upstream, { namespace: "ns", modelVersionId: "mv" } as never, window as never);
  return sent.join("\n");
}

const TABLES = { RANGE_MODEL_METRICS, INSTANT_MODEL_METRICS, RANGE_BILLING_METRICS, INSTANT_BILLING_METRICS };
const fields = Object.entries(TABLES).flatMap(([table, fields]) =>
  Object.keys(fields).map((field) => [table, field] as const),
);

describe("what each contract field reads, as the reference API's MetricsQL says", () => {
  test("every metric field of the reference API has a reading, and no reading is for a field it lacks", () => {
    expect(new Set(fields.map(([, field]) => field))).toEqual(new Set(Object.keys(CONTRACT_FIELDS)));
  });

  test.each(fields)(
    "%s.%s: its metrics (a histogram's buckets, or its sum and count), by increase unless a gauge; its groups; whether it tells statuses apart",
    async (table, field) => {
      const query = await metricsqlOf(TABLES[table as keyof typeof TABLES] as never, field);
      const reading = CONTRACT_FIELDS[field]!;
      const named = new Set([...query.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1]!));
      const expected = Object.entries(reading.metrics).flatMap(([metric, type]) =>
        type === "buckets"
          ? [`${metric}_bucket`]
          : type === "sum and count"
            ? [`${metric}_sum`, `${metric}_count`]
            : [metric],
      );
      expect(named).toEqual(new Set(expected));
      for (const [metric, type] of Object.entries(reading.metrics))
        expect(query.includes(`increase(${metric}`)).toBe(type !== "gauge");
      expect(/status|status_class/.test(query)).toBe(reading.byStatus);
      expect(/by \(instance_type\)/.test(query)).toBe(reading.group === "instance_type");
      expect(query.includes('"status_class", "$1", "status", "([0-9]?).*"')).toBe(reading.group === "status class");
    },
  );
});

test('a series\' answer group: its instance type ("" without one), its status class (none without a leading digit), or one for all', () => {
  expect(groupOf("instance_type", { instance_type: "A10G" })).toBe("A10G");
  expect(groupOf("instance_type", {})).toBe("");
  expect(groupOf("status class", { status: "503" })).toBe("5");
  expect(groupOf("status class", { status: "ok" })).toBeUndefined();
  expect(groupOf("all", { status: "503", instance_type: "T4" })).toBe("");
});
