import type { Json } from "../golden/json";
import { compareEntry, compareGoldens, fieldOf, type FieldChange } from "./compare";
import { errorAnswer, goldenText, rangeAnswer } from "./test-support";

const body = (answer: Json) => JSON.stringify(answer, null, 2);
const points = (key: string, values: (number | null)[]) => rangeAnswer("response_time_percentiles", key, values);

/** The one field change of a query whose `key` went from `before` to `after`. */
function fieldChange(key: string, before: (number | null)[], after: (number | null)[], rules = {}): FieldChange {
  const change = compareEntry(body(points(key, before)), body(points(key, after)), rules);
  expect(change.fields).toHaveLength(1);
  return change.fields[0]!;
}

describe("comparing one query's goldens", () => {
  test.each([
    ["a.b[3].c", "a.b[*].c"],
    ["a[0][12]", "a[*][*]"],
    ["instant_model_metrics.error_rate", "instant_model_metrics.error_rate"],
    ["", "data"],
  ])("the field of %p is %p", (path, field) => expect(fieldOf(path)).toBe(field));

  test.each([
    // name, field, before, after, rules, expected
    [
      "an exact count that moved",
      "value",
      [1, 4, 2],
      [1, 6, 3],
      {},
      {
        points: 2,
        largestAbsolute: 2,
        largestRelative: 0.5,
        firstTs: "ts(30)",
        lastTs: "ts(60)",
        outside: 2,
        tolerance: { source: "exact" },
      },
    ],
    [
      "a percentile within the default 1%",
      "p99",
      [2, 3],
      [2.0078125, 3],
      {},
      { points: 1, largestRelative: 0.00390625, outside: 0, tolerance: { source: "default", rule: { rel: 0.01 } } },
    ],
    ["a percentile beyond the default 1%", "p99", [2, 3], [2, 3.1], {}, { points: 1, outside: 1 }],
    [
      "the query's own rule wins over the default",
      "p99",
      [2, 3],
      [2, 3.1],
      { "range_model_metrics.response_time_percentiles[*].p99": { abs: 0.2 } },
      { outside: 0, tolerance: { source: "query", rule: { abs: 0.2 } } },
    ],
    [
      "a change from 0 has no relative size",
      "value",
      [0, 1],
      [2, 1],
      {},
      { largestAbsolute: 2, largestRelative: Infinity },
    ],
    [
      "null to a number is counted apart, and is never within tolerance",
      "p50",
      [null, 1],
      [0.5, 1],
      {},
      { points: 1, other: { "null → number": 1 }, outside: 1, firstTs: "ts(0)" },
    ],
    [
      "a number to null, likewise",
      "p50",
      [1, 1],
      [1, null],
      {},
      { points: 1, other: { "number → null": 1 }, outside: 1, lastTs: "ts(30)" },
    ],
  ] as const)("%s", (_, key, before, after, rules, expected) => {
    const change = fieldChange(key, [...before], [...after], rules);
    expect(change).toMatchObject(expected);
  });

  test("a point added at the end is one change at its own timestamp, not a shift of every point", () => {
    const change = compareEntry(body(points("value", [1, 2])), body(points("value", [1, 2, 3])));
    expect(change.fields).toEqual([
      {
        field: "range_model_metrics.response_time_percentiles[*]",
        points: 1,
        other: { added: 1 },
        tolerance: { source: "exact" },
        outside: 1,
        firstTs: "ts(60)",
        lastTs: "ts(60)",
      },
    ]);
    expect(change.series).toMatchObject([
      { timestamps: ["ts(0)", "ts(30)", "ts(60)"], before: [1, 2, null], after: [1, 2, 3] },
    ]);
  });

  test("errors are compared by message, code and path; an answer that became an error is a change of its data too", () => {
    const change = compareEntry(body(points("value", [1])), body(errorAnswer("NOT_FOUND", "no such model")));
    expect(change.errors).toEqual([
      { index: 0, after: { message: "no such model", code: "NOT_FOUND", path: "range_model_metrics" } },
    ]);
    expect(change.fields).toMatchObject([{ field: "data", other: { "became null": 1 } }]);
    expect(change.series).toEqual([]); // nothing to draw an after with

    const recoded = compareEntry(body(errorAnswer("NOT_FOUND", "m")), body(errorAnswer("FORBIDDEN", "m")));
    expect(recoded).toEqual({
      fields: [],
      errors: [
        {
          index: 0,
          before: { message: "m", code: "NOT_FOUND", path: "range_model_metrics" },
          after: { message: "m", code: "FORBIDDEN", path: "range_model_metrics" },
        },
      ],
      series: [],
    });
  });

  test("a body that is not JSON makes the query not comparable, and is reported with its side", () => {
    const seen: string[] = [];
    const change = compareEntry(body(points("value", [1])), "{ nope", {}, (side, message) =>
      seen.push(`${side}: ${message}`),
    );
    expect(change).toEqual({ fields: [], errors: [], series: [], unparsed: ["after"] });
    expect(seen).toEqual([expect.stringMatching(/^after: the body is not JSON \(.+\)$/)]);
  });
});

describe("comparing golden files", () => {
  const file = (entries: Record<string, Json>) => goldenText(entries);

  test("cases and queries are added, removed, changed or unchanged, and counted", () => {
    const before = new Map([
      ["__golden__/a.snap", file({ q1: 1, q2: 2 })],
      ["__golden__/b.snap", file({ q: 1 })],
    ]);
    const after = new Map([
      ["__golden__/a.snap", file({ q1: 1, q2: 3, q3: 4 })],
      ["__golden__/c.snap", file({ q: 1 })],
    ]);
    const report = compareGoldens(before, after);
    expect(report.summary).toEqual({
      cases: { added: 1, removed: 1, changed: 1, unchanged: 0 },
      queries: { added: 2, removed: 1, changed: 1, unchanged: 1 },
    });
    expect(report.cases.map((c) => [c.name, c.status, c.queries.map((q) => `${q.name} ${q.status}`)])).toEqual([
      ["a", "changed", ["q1 unchanged", "q2 changed", "q3 added"]],
      ["b", "removed", ["q removed"]],
      ["c", "added", ["q added"]],
    ]);
  });

  test("cases sort by name, so inference-volume comes before inference-volume-edge-cases", () => {
    const after = new Map([
      ["__golden__/inference-volume-edge-cases.snap", file({ q: 1 })],
      ["__golden__/inference-volume.snap", file({ q: 1 })],
    ]);
    expect(compareGoldens(new Map(), after).cases.map((c) => c.name)).toEqual([
      "inference-volume",
      "inference-volume-edge-cases",
    ]);
  });

  test("a file that is not a golden file is a problem naming it and its line; its case is left out of the counts", () => {
    const before = new Map([
      ["__golden__/a.snap", file({ q: 1 })],
      ["__golden__/b.snap", file({ q: 1 })],
    ]);
    const after = new Map([
      ["__golden__/a.snap", "exports[`q`] = `1`;\nmodule.exports = {};\n"],
      ["__golden__/b.snap", file({ q: 2 })],
    ]);
    const report = compareGoldens(before, after);
    expect(report.problems).toEqual([
      {
        file: "__golden__/a.snap",
        side: "after",
        message: expect.stringContaining("__golden__/a.snap:2: not a golden entry"),
      },
    ]);
    expect(report.cases[0]).toEqual({ name: "a", file: "__golden__/a.snap", status: "unreadable", queries: [] });
    expect(report.summary.queries).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 0 });
  });
});
