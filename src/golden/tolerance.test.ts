import {
  differences,
  matchesPattern,
  snapToGolden,
  toleranceFor,
  unmatchedPatterns,
  withinTolerance,
} from "./tolerance";

describe("tolerance", () => {
  test.each([
    ["exact equal", 4, 4, {}, true],
    ["no tolerance, any difference", 4.000001, 4, {}, false],
    ["abs inside", 1.05, 1, { abs: 0.1 }, true],
    ["abs edge is inside", 1.5, 1, { abs: 0.5 }, true],
    ["abs outside", 1.2, 1, { abs: 0.1 }, false],
    ["rel inside", 1.004, 1, { rel: 0.01 }, true],
    ["rel outside", 1.02, 1, { rel: 0.01 }, false],
    ["rel of a negative golden", -1.004, -1, { rel: 0.01 }, true],
    ["the larger of abs and rel", 1.3, 1, { abs: 0.5, rel: 0.01 }, true],
    ["zero golden: rel allows nothing", 1e-12, 0, { rel: 0.5 }, false],
    ["zero golden: abs still allows", 1e-12, 0, { abs: 1e-9, rel: 0.5 }, true],
    ["null vs number", null, 1, { rel: 1 }, false],
    ["number vs null", 1, null, { abs: 100 }, false],
    ["null vs null", null, null, {}, true],
  ])("%s", (_, actual, golden, tolerance, ok) => {
    expect(withinTolerance(actual, golden, tolerance)).toBe(ok);
  });

  test.each([
    [
      "range_model_metrics.e2e_response_time_percentiles[*].p99",
      "range_model_metrics.e2e_response_time_percentiles[3].p99",
      true,
    ],
    ["range_model_metrics.*[*].p99", "range_model_metrics.response_time_percentiles[0].p99", true],
    ["range_model_metrics.*[*].p99", "range_model_metrics.response_time_percentiles[0].p50", false],
    ["a[*].b", "a.x.b", false],
    ["a.*.b", "a[0].b", false],
    ["a[*]", "a[0].b", false],
    ["a.b", "a.b", true],
  ])("pattern %s against %s: %p", (pattern, path, ok) => {
    expect(matchesPattern(pattern, path)).toBe(ok);
  });

  test("a query's own pattern wins over the default for the field name", () => {
    expect(toleranceFor("x.p99", { "x.p99": { abs: 2 } })).toEqual({ abs: 2 });
    expect(toleranceFor("x.p99")).toEqual({ rel: 0.01 });
    expect(toleranceFor("x.status_2xx")).toBeUndefined();
  });

  test("a range series' points get the default of the field they belong to", () => {
    expect(toleranceFor("range_model_metrics.average_response_time[3].value")).toEqual({ rel: 1e-9 });
    expect(toleranceFor("range_model_metrics.e2e_response_time_percentiles[3].p95")).toEqual({ rel: 0.01 });
    expect(toleranceFor("range_model_metrics.inference_volume[3].value")).toBeUndefined();
  });

  test("the churn-free rule: values within tolerance take the golden's own value, others stay", () => {
    const golden = {
      data: {
        m: [
          { p99: 1.0, count: 3 },
          { p99: 2.0, count: 4 },
        ],
      },
    };
    const actual = {
      data: {
        m: [
          { p99: 1.005, count: 3 },
          { p99: 2.5, count: 5 },
        ],
      },
    };
    expect(snapToGolden(actual, golden)).toEqual({
      data: {
        m: [
          { p99: 1.0, count: 3 },
          { p99: 2.5, count: 5 },
        ],
      },
    });
  });

  test("differences name each path (relative to data) with both values, the difference and the tolerance", () => {
    const golden = { data: { m: [{ p99: 2.0, count: 4 }], gone: 1 } };
    const actual = {
      data: {
        m: [
          { p99: 2.5, count: 5 },
          { p99: null, count: 0 },
        ],
      },
    };
    expect(differences(actual, golden)).toEqual([
      { path: "m[0].p99", golden: 2, actual: 2.5, difference: 0.5, tolerance: { rel: 0.01 } },
      { path: "m[0].count", golden: 4, actual: 5, difference: 1 },
      { path: "m[1]", golden: undefined, actual: { p99: null, count: 0 } },
      { path: "gone", golden: 1, actual: undefined },
    ]);
  });

  test("a pattern that matches no number of the answer is reported with the nearest that would, as a typo would be", () => {
    const answer = { data: { m: [{ timestamp: "ts(0)", p99: 1, v: null }] } };
    const rules = {
      "m[*].p99": { rel: 1 },
      "m[*].v": { abs: 1 },
      "m[*].p98": { rel: 1 },
      "m[*].timestamp": { abs: 5 },
      "m[0]": { abs: 1 },
    };
    expect(unmatchedPatterns(answer, rules)).toEqual([
      { pattern: "m[*].p98", nearest: "m[*].p99" },
      { pattern: "m[*].timestamp", nearest: "m[*].p99" },
      { pattern: "m[0]", nearest: "m[*].v" },
    ]);
  });
});
