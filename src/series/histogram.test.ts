import { DEFAULT_BUCKETS, formatLe } from "./histogram";
import { createSeriesSet } from "./series-set";
import { samplesOf, zip } from "./test-support";
import { ts } from "./time";

const TICKS = [0, 10, 20, 30];
const newSet = () => createSeriesSet({ scrape: { every: 10, from: ts(0), to: ts(30) } });

describe("a histogram", () => {
  test("stores cumulative buckets, sum and count, with several observations in one tick", () => {
    const set = newSet();
    set
      .histogram("latency", { buckets: [1, 5] })
      .observe(ts(10), 0.5)
      .observe(ts(10), 3, 2)
      .observe(ts(5), 7)
      .observe(ts(30), 1);
    expect(samplesOf(set)).toEqual({
      'latency_bucket{le="1"}': zip(TICKS, [0, 1, 1, 2]),
      'latency_bucket{le="5"}': zip(TICKS, [0, 3, 3, 4]),
      'latency_bucket{le="+Inf"}': zip(TICKS, [0, 4, 4, 5]),
      latency_sum: zip(TICKS, [0, 13.5, 13.5, 14.5]),
      latency_count: zip(TICKS, [0, 4, 4, 5]),
    });
  });

  test("uses Prometheus' default buckets, spelled as Prometheus prints them", () => {
    const set = newSet();
    set.histogram("h");
    const les = set.toJsonLines().flatMap((l) => (l.metric.le === undefined ? [] : [l.metric.le]));
    expect(DEFAULT_BUCKETS).toEqual([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
    expect(les).toEqual(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]);
  });

  test("children keep the parent's buckets", () => {
    const set = newSet();
    set
      .histogram("h", { buckets: [2], labels: { a: "1" } })
      .labels({ b: "2" })
      .observe(ts(0), 3);
    expect(samplesOf(set)['h_bucket{a="1", b="2", le="+Inf"}']).toEqual(zip(TICKS, [1, 1, 1, 1]));
    expect(samplesOf(set)['h_bucket{a="1", b="2", le="2"}']).toEqual(zip(TICKS, [0, 0, 0, 0]));
  });

  test("has no samples in a gap, in any of its series", () => {
    const set = newSet();
    set
      .histogram("h", { buckets: [1] })
      .observe(ts(10), 1)
      .gap(ts(10), ts(20));
    for (const points of Object.values(samplesOf(set))) expect(points.map(([t]) => t)).toEqual([0, 30]);
  });
});

describe("le", () => {
  // Go's strconv.FormatFloat(b, 'g', -1, 64), which Prometheus' exposition uses.
  test.each([
    [0.005, "0.005"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1, "1"],
    [2.5, "2.5"],
    [10, "10"],
    [0, "0"],
    [-1, "-1"],
    [123456, "123456"],
    [1e6, "1e+06"],
    [1234567, "1.234567e+06"],
    [1.5e-7, "1.5e-07"],
    [1e100, "1e+100"],
    [Infinity, "+Inf"],
  ])("%p is spelled %p", (bound, spelled) => expect(formatLe(bound)).toBe(spelled));
});
