import { formatNumber, formatPercent, formatTolerance, formatVerdict, toleranceLegend } from "./format";
import type { FieldChange } from "./compare";

const change = (points: number, outside: number): FieldChange => ({
  field: "f",
  points,
  outside,
  other: {},
  tolerance: { source: "exact" },
});

describe("the report's words and numbers", () => {
  test.each([
    [2, "2"],
    [0.0866666666667, "0.0866667"],
    [1234567.891, "1234570"],
    [-0.5, "-0.5"],
  ])("number %p is printed %p", (n, text) => expect(formatNumber(n)).toBe(text));

  test.each([
    [0.5, "50%"],
    [0.003333, "0.333%"],
    [1.5e-9, "1.5e-7%"],
    [Infinity, "from 0"],
    [undefined, "—"],
  ])("relative change %p is printed %p", (r, text) => expect(formatPercent(r)).toBe(text));

  test.each([
    [{ source: "exact" as const }, "exact"],
    [{ source: "default" as const, rule: { rel: 0.01 } }, "rel 1% (default)"],
    [{ source: "default" as const, rule: { rel: 1e-9 } }, "rel 1e-9 (default)"],
    [{ source: "query" as const, rule: { abs: 0.01, rel: 0.05 } }, "abs 0.01, rel 5% (query)"],
  ])("tolerance %p is printed %p", (t, text) => expect(formatTolerance(t)).toBe(text));

  test.each([
    [1, 0, { ok: true, text: "yes" }],
    [3, 0, { ok: true, text: "yes, all 3" }],
    // beyond tolerance is a change for a reviewer to judge, not a failure
    [1, 1, { ok: false, text: "no: review the change" }],
    [3, 3, { ok: false, text: "no, all 3: review the change" }],
    [3, 1, { ok: false, text: "no, 1 of 3: review the change" }],
  ])("%p changed, %p outside tolerance: %p", (points, outside, verdict) =>
    expect(formatVerdict(change(points, outside))).toEqual(verdict),
  );

  test("the legend says which tolerances judge 'within', and whether case modules were read", () => {
    expect(toleranceLegend(true)).toContain("p99 rel 1%, average_response_time rel 1e-9");
    expect(toleranceLegend(true)).toContain("declares it as a literal object (read as text, never run");
    expect(toleranceLegend(false)).toContain("a query's own `tolerance` in its case module is not read");
  });
});
