import { createSeriesSet } from "./series-set";
import { samplesOf, zip } from "./test-support";
import { ts } from "./time";

// Seven ticks: 0, 10, ..., 60 s.
const TICKS = [0, 10, 20, 30, 40, 50, 60];
const newSet = () => createSeriesSet({ scrape: { every: 10, from: ts(0), to: ts(60) } });

describe("a counter", () => {
  test.each([
    [
      "sums its increments at or before each tick",
      (c: C) => c.inc(ts(10)).inc(ts(15), 2).inc(ts(30)),
      [0, 1, 3, 4, 4, 4, 4],
    ],
    ["counts an increment at the first tick in the first sample", (c: C) => c.inc(ts(0)), [1, 1, 1, 1, 1, 1, 1]],
    ["starts at 0 and stays there without increments", (c: C) => c, [0, 0, 0, 0, 0, 0, 0]],
    ["drops to 0 at a reset", (c: C) => c.inc(ts(10), 5).reset(ts(30)).inc(ts(40)), [0, 5, 5, 0, 1, 1, 1]],
    [
      "counts increments at a reset's instant after the reset",
      (c: C) => c.inc(ts(10), 5).inc(ts(30), 2).reset(ts(30)),
      [0, 5, 5, 2, 2, 2, 2],
    ],
    [
      "gives the same samples whichever of reset and inc is called first",
      (c: C) => c.inc(ts(10), 5).reset(ts(30)).inc(ts(30), 2),
      [0, 5, 5, 2, 2, 2, 2],
    ],
    [
      "hides a reset between ticks except for the lower value",
      (c: C) => c.inc(ts(10), 5).reset(ts(25)).inc(ts(28)),
      [0, 5, 5, 1, 1, 1, 1],
    ],
    ["ramps up perSecond between from and to", (c: C) => c.ramp(ts(10), ts(40), 0.5), [0, 0, 5, 10, 15, 15, 15]],
    [
      "adds ramps and increments",
      (c: C) => c.ramp(ts(0), ts(20), 1).inc(ts(10), 100),
      [0, 110, 120, 120, 120, 120, 120],
    ],
    [
      "keeps only the part of a ramp after a reset",
      (c: C) => c.ramp(ts(0), ts(60), 1).reset(ts(30)),
      [0, 10, 20, 0, 10, 20, 30],
    ],
  ])("%s", (_, build, values) => {
    const set = newSet();
    build(set.counter("x"));
    expect(samplesOf(set)).toEqual({ x: zip(TICKS, values) });
  });

  test("has no samples in a gap, and counts what happened during it afterwards", () => {
    const set = newSet();
    set.counter("x").inc(ts(10)).inc(ts(35)).gap(ts(20), ts(40));
    expect(samplesOf(set)).toEqual({ x: zip([0, 10, 50, 60], [0, 1, 2, 2]) });
  });

  test("loses only the ticks inside a gap whose ends fall between ticks", () => {
    const set = newSet();
    set.counter("x").gap(ts(15), ts(25)).gap(ts(51), ts(52));
    expect(samplesOf(set).x!.map(([t]) => t)).toEqual([0, 10, 30, 40, 50, 60]);
  });
});

describe("labels", () => {
  test("a child has its parent's labels and more, and a parent used only for children stores nothing", () => {
    const set = newSet();
    const requests = set.counter("requests", { model: "m" });
    requests.labels({ status: "200" }).inc(ts(10));
    requests.labels({ status: "500" }).labels({ region: "eu" }).inc(ts(20));
    expect(Object.keys(samplesOf(set))).toEqual([
      'requests{model="m", status="200"}',
      'requests{model="m", status="500", region="eu"}',
    ]);
  });

  test("the same labels on the same parent give the same child", () => {
    const requests = newSet().counter("requests");
    const child = requests.labels({ status: "200" });
    expect(requests.labels({ status: "200" })).toBe(child);
  });

  test("a child of a counter is a counter, and a parent with events of its own is stored too", () => {
    const set = newSet();
    const parent = set.counter("x").inc(ts(10));
    parent.labels({ a: "1" }).inc(ts(20), 2);
    expect(samplesOf(set)).toEqual({
      x: zip(TICKS, [0, 1, 1, 1, 1, 1, 1]),
      'x{a="1"}': zip(TICKS, [0, 0, 2, 2, 2, 2, 2]),
    });
  });

  test("common labels are on every series unless the case gives them", () => {
    const set = createSeriesSet({
      scrape: { every: 30, from: ts(0), to: ts(30) },
      commonLabels: { namespace: "ns", model_version_id: "mv" },
    });
    set.counter("a");
    set.gauge("b", { namespace: "other" }).set(ts(0), 1);
    set.histogram("c", { buckets: [1] });
    set.series("d", "1");
    expect(set.toJsonLines().map((l) => l.metric)).toEqual([
      { __name__: "a", namespace: "ns", model_version_id: "mv" },
      { __name__: "b", namespace: "other", model_version_id: "mv" },
      { __name__: "c_bucket", namespace: "ns", model_version_id: "mv", le: "1" },
      { __name__: "c_bucket", namespace: "ns", model_version_id: "mv", le: "+Inf" },
      { __name__: "c_sum", namespace: "ns", model_version_id: "mv" },
      { __name__: "c_count", namespace: "ns", model_version_id: "mv" },
      { __name__: "d", namespace: "ns", model_version_id: "mv" },
    ]);
  });

  test("the builder's functions work destructured, as data({ counter }) uses them", () => {
    const set = newSet();
    const { counter, gauge, histogram, series } = set;
    counter("a").inc(ts(10));
    gauge("b").set(ts(10), 1);
    histogram("c").observe(ts(10), 1);
    series("d", "1");
    expect(set.toJsonLines()).toHaveLength(1 + 1 + 14 + 1);
  });
});

type C = ReturnType<ReturnType<typeof newSet>["counter"]>;
