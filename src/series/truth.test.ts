import { SeriesError } from "./errors";
import { createSeriesSet } from "./series-set";
import { ts } from "./time";
import type { Truth } from "./truth";

/** The seed's counter example. */
function seed() {
  const set = createSeriesSet({ commonLabels: { namespace: "ns" } });
  const requests = set.counter("model_requests_total");
  requests.labels({ status: "200" }).inc(ts(50)).inc(ts(60)).inc(ts(70)).inc(ts(150));
  requests.labels({ status: "404" }).inc(ts(200)).inc(ts(250));
  requests.labels({ status: "500" }).inc(ts(150));
  return set;
}

describe("truth.increments", () => {
  const { truth } = seed();
  test.each([
    ["one label value", { status: "200" }, 0, 60, 2],
    ["an excluded start and an included end", { status: "200" }, 50, 70, 2],
    ["all series of the name", {}, -60, 600, 7],
    ["a common label", { namespace: "ns" }, 140, 150, 2],
    ["no matching series", { status: "302" }, -60, 600, 0],
    ["an empty window", {}, 150, 150, 0],
  ])("counts %s", (_, labels, from, to, expected) => {
    expect(truth.increments("model_requests_total", labels, ts(from), ts(to))).toBe(expected);
  });

  test("does not subtract resets and counts ramps by their overlap", () => {
    const set = createSeriesSet();
    set.counter("c").inc(ts(10), 3).reset(ts(20)).inc(ts(20), 2).ramp(ts(30), ts(60), 0.5);
    expect(set.truth.increments("c", {}, ts(0), ts(40))).toBe(3 + 2 + 5);
    expect(set.truth.increments("c", {}, ts(40), ts(100))).toBe(10);
  });

  test("refuses a name the case has not made, or of another kind", () => {
    const set = seed();
    set.gauge("g").set(ts(0), 1);
    expect(() => set.truth.increments("model_request_total", {}, ts(0), ts(1))).toThrow(
      'truth.increments("model_request_total"): this case has no series named model_request_total',
    );
    expect(() => set.truth.increments("g", {}, ts(0), ts(1))).toThrow(
      'truth.increments("g"): g is a gauge, not a counter',
    );
    set.series("up", "1");
    expect(() => set.truth.gauge("up", {}, ts(0))).toThrow(
      'truth.gauge("up"): up is a notation series, given as samples rather than events, not a gauge',
    );
    expect(() => set.truth.increments("g", {}, ts(1), ts(0))).toThrow(
      /^truth.increments: from \(ts\(1\) = .*\) is after to/,
    );
  });
});

describe("truth of a histogram", () => {
  function latency() {
    const set = createSeriesSet();
    const h = set.histogram("latency", { buckets: [0.1, 0.5, 1] });
    h.labels({ route: "a" }).observe(ts(10), 0.05, 3).observe(ts(20), 0.3).observe(ts(30), 0.7, 2);
    h.labels({ route: "b" }).observe(ts(20), 0.3, 2).observe(ts(40), 5);
    return set.truth;
  }

  test("lists the observations in a window merged by value", () => {
    expect(latency().observations("latency", {}, ts(10), ts(40))).toEqual([
      { value: 0.3, count: 3 },
      { value: 0.7, count: 2 },
      { value: 5, count: 1 },
    ]);
    expect(latency().count("latency", { route: "a" }, ts(0), ts(60))).toBe(6);
    expect(latency().sum("latency", { route: "b" }, ts(0), ts(60))).toBe(5.6);
  });

  test.each([
    // 9 observations in (0, 60]: 0.05 x3, 0.3 x3, 0.7 x2, 5 x1; cumulative per bucket 3, 6, 8, 9.
    // interpolated: lower + (upper - lower) * (rank - below) / inBucket, the +Inf bucket its lower bound.
    ["p50 (rank 4.5)", 0.5, 0.3, [0.1, 0.5], 0.1 + (0.4 * 1.5) / 3],
    ["p30 (rank 2.7)", 0.3, 0.05, [0, 0.1], (0.1 * 2.7) / 3],
    ["p90 (rank 8.1)", 0.9, 5, [1, Infinity], 1],
    ["p0, the smallest", 0, 0.05, [0, 0.1], 0],
    ["p1, the largest", 1, 5, [1, Infinity], 1],
    ["a rank on a bucket's edge (3 of 9), which the lower bucket holds", 1 / 3, 0.05, [0, 0.1], 0.1],
  ])(
    "%s is the observation, the bucket histogram_quantile picks, and its answer",
    (_, q, value, bucket, interpolated) => {
      const truth = latency().quantile("latency", {}, ts(0), ts(60), q)!;
      expect({ ...truth, interpolated: undefined }).toEqual({ value, bucket, count: 9, interpolated: undefined });
      expect(truth.interpolated).toBeCloseTo(interpolated as number, 12);
    },
  );

  test("has no quantile without observations", () => {
    expect(latency().quantile("latency", {}, ts(50), ts(60), 0.5)).toBeUndefined();
  });

  test("refuses a q outside [0, 1] and histograms with different buckets", () => {
    expect(() => latency().quantile("latency", {}, ts(0), ts(60), 1.5)).toThrow(
      "truth.quantile: q must be in [0, 1]; got 1.5",
    );
    const set = createSeriesSet();
    set.histogram("h", { buckets: [1], labels: { a: "1" } }).observe(ts(0), 1);
    set.histogram("h", { buckets: [2], labels: { a: "2" } });
    expect(() => set.truth.quantile("h", {}, ts(-10), ts(10), 0.5)).toThrow(
      /the matching series have different buckets/,
    );
  });
});

describe("truth of a gauge", () => {
  const set = createSeriesSet();
  const replicas = set.gauge("replicas");
  replicas.labels({ gpu: "A10G" }).set(ts(0), 2).set(ts(60), 3);
  replicas.labels({ gpu: "H100" }).set(ts(30), 1);

  test.each([
    ["before any set", -10, undefined],
    ["with one series set", 10, 2],
    ["summed over the series set by then", 30, 3],
    ["at a set's instant", 60, 4],
  ])("is the last value %s", (_, at, expected) => {
    expect(set.truth.gauge("replicas", {}, ts(at))).toBe(expected);
  });

  test("is given per series with all their labels", () => {
    expect(set.truth.gauges("replicas", { gpu: "A10G" }, ts(60))).toEqual([{ labels: { gpu: "A10G" }, value: 3 }]);
  });
});

describe("the truth of a name that notation series share", () => {
  // Builder series have events; notation series only samples. A sum over both would be a sum
  // over some of them, so the truth refuses rather than answer for part of the name.
  function mixed() {
    const set = createSeriesSet();
    set.counter("c", { src: "events" }).inc(ts(10), 2);
    set.series('c{src="samples"}', "0 5 9");
    set.histogram("h", { buckets: [1], labels: { src: "events" } }).observe(ts(10), 0.5);
    set.series('h{src="samples"}', "1");
    set.gauge("g", { src: "events" }).set(ts(0), 2);
    set.series('g{src="samples"}', "1x3");
    return set.truth;
  }
  const refusal = (call: string, name: string) =>
    `truth.${call}("${name}"): ${name}{src="samples"} is written in notation, which gives samples, not events, ` +
    `so the truth cannot answer for it; ask with labels that leave it out, or build it with the builder`;

  test.each<[string, string, (t: Truth) => unknown]>([
    ["increments", "c", (t) => t.increments("c", {}, ts(0), ts(60))],
    ["observations", "h", (t) => t.observations("h", {}, ts(0), ts(60))],
    ["count", "h", (t) => t.count("h", {}, ts(0), ts(60))],
    ["sum", "h", (t) => t.sum("h", {}, ts(0), ts(60))],
    ["quantile", "h", (t) => t.quantile("h", {}, ts(0), ts(60), 0.5)],
    ["gauge", "g", (t) => t.gauge("g", {}, ts(10))],
    ["gauges", "g", (t) => t.gauges("g", {}, ts(10))],
  ])("truth.%s refuses when the matching series include a notation series", (call, name, ask) => {
    expect(() => ask(mixed())).toThrow(new SeriesError(refusal(call, name)));
  });

  test("answers when the labels leave the notation series out", () => {
    const truth = mixed();
    expect(truth.increments("c", { src: "events" }, ts(0), ts(60))).toBe(2);
    expect(truth.count("h", { src: "events" }, ts(0), ts(60))).toBe(1);
    expect(truth.gauge("g", { src: "events" }, ts(10))).toBe(2);
  });

  test("names the builder series' kind when asked for another, whichever series came first", () => {
    const set = createSeriesSet();
    set.series('x{src="samples"}', "1");
    set.counter("x", { src: "events" });
    expect(() => set.truth.gauge("x", {}, ts(0))).toThrow(
      new SeriesError('truth.gauge("x"): x is a counter, not a gauge'),
    );
  });

  test("refuses labels that match only the notation series, instead of answering undefined", () => {
    expect(() => mixed().gauge("g", { src: "samples" }, ts(10))).toThrow(
      /^truth.gauge\("g"\{src="samples"\}\): g\{src="samples"\} is written in notation/,
    );
  });
});

describe("truth.scraped: what the samples at the ticks show, as VictoriaMetrics computes from them", () => {
  // Ticks every 10 s from ts(-60), as cases have them by default.
  test("loses the increments between the last tick before a reset and the reset", () => {
    const set = createSeriesSet();
    set.counter("c").inc(ts(15), 4).inc(ts(92)).inc(ts(95)).reset(ts(98)).inc(ts(99));
    // ticks: 4 at 90, 1 at 100 (a reset: 3 * 8 >= 4); the increments at 92 and 95 no tick saw
    expect(set.truth.scraped.increase("c", {}, ts(90), ts(100))).toBe(1);
    expect(set.truth.increments("c", {}, ts(90), ts(100))).toBe(3);
  });

  test("moves a gap's increments to the window of the first sample after it", () => {
    const set = createSeriesSet();
    set.counter("c").inc(ts(5)).inc(ts(35)).inc(ts(45)).gap(ts(30), ts(50));
    // samples 1 at 20, 3 at 60: (30, 50] has none; (50, 60] gets both
    expect(set.truth.scraped.increase("c", {}, ts(30), ts(50))).toBe(0);
    expect(set.truth.scraped.increase("c", {}, ts(50), ts(60))).toBe(2);
    expect(set.truth.scraped.rate("c", {}, ts(20), ts(60))).toBe(2 / 40); // from the base at 20
    // (50, 60], widened to 15 s: one sample and the base 40 s old, too old: rate has no value
    expect(set.truth.scraped.rate("c", {}, ts(50), ts(60))).toBe(0);
  });

  test("counts a late counter's first samples from 0 when small, from its first value when large", () => {
    const set = createSeriesSet();
    set.counter("c", { pod: "new" }).inc(ts(25), 2).inc(ts(35)).gap(ts(-60), ts(25));
    set.counter("c", { pod: "old" }).inc(ts(-60), 600).ramp(ts(20), ts(60), 1).gap(ts(-60), ts(25));
    // new: 2 at 30, 3 at 40: 2 < 10 * (1 + 1), from 0. old: 610 at 30, 620 at 40: 610 is the base.
    expect(set.truth.scraped.increase("c", { pod: "new" }, ts(0), ts(40))).toBe(3);
    expect(set.truth.scraped.increase("c", { pod: "old" }, ts(0), ts(40))).toBe(10);
    expect(set.truth.scraped.increase("c", {}, ts(0), ts(40))).toBe(13);
  });

  test("answers for notation series, staleness markers skipped", () => {
    const set = createSeriesSet({ scrape: { every: 10, from: ts(0), to: ts(60) } });
    set.series('replicas{zone="a"}', "2 2 2 2 2 2 2");
    set.series('replicas{zone="b"}', "1 1 1 stale");
    set.series("requests", "0 1 stale 4");
    expect(set.truth.scraped.last("replicas", {}, ts(0), ts(30))).toBe(3); // b's marker at 30 is skipped
    expect(set.truth.scraped.last("replicas", {}, ts(30), ts(60))).toBe(2);
    expect(set.truth.scraped.last("replicas", { zone: "c" }, ts(0), ts(60))).toBeUndefined();
    expect(set.truth.scraped.increase("requests", {}, ts(10), ts(30))).toBe(3);
  });

  test("reads a histogram by its stored names", () => {
    const set = createSeriesSet();
    set
      .histogram("h", { buckets: [1] })
      .observe(ts(5), 0.5)
      .observe(ts(15), 2, 3);
    expect(set.truth.scraped.increase("h_count", {}, ts(0), ts(20))).toBe(4);
    expect(set.truth.scraped.increase("h_bucket", { le: "1" }, ts(0), ts(20))).toBe(1);
    expect(set.truth.scraped.increase("h_sum", {}, ts(0), ts(20))).toBe(6.5);
    expect(() => set.truth.scraped.increase("h", {}, ts(0), ts(20))).toThrow(
      new SeriesError(
        'truth.scraped.increase("h", ts(0), ts(20)): this case stores no series named h; the histogram h is stored as h_bucket, h_sum and h_count',
      ),
    );
  });

  test("refuses a window whose answer depends on the query around it", () => {
    const set = createSeriesSet();
    set.series("c", "_x10 50 55"); // 50 at 40, 55 at 50
    // 50 alone in (30, 40]: from 0 when weighed against the 55 after it, the base when nothing follows
    expect(() => set.truth.scraped.increase("c", {}, ts(30), ts(40))).toThrow(
      new SeriesError(
        'truth.scraped.increase("c", ts(30), ts(40)): VictoriaMetrics\' answer for c depends on the query that asks it ' +
          "(a query fetches samples from 5 minutes before its first window up to its end): " +
          "samples from ts(-270) to ts(40): 0; samples from ts(-270) to the last: 50; " +
          "samples from the first to ts(40): 0; samples from the first to the last: 50. " +
          "Move the window or the samples so that every query agrees",
      ),
    );
    expect(set.truth.scraped.increase("c", {}, ts(30), ts(50))).toBe(55);
  });

  test("refuses an empty window and names that nothing stores", () => {
    const set = seed();
    expect(() => set.truth.scraped.increase("model_requests_total", {}, ts(10), ts(10))).toThrow(
      /: the window \(from, to\] is empty; VictoriaMetrics reads a \[0s\] window as the step$/,
    );
    expect(() => set.truth.scraped.rate("requests", {}, ts(0), ts(10))).toThrow(
      'truth.scraped.rate("requests", ts(0), ts(10)): this case stores no series named requests',
    );
    expect(() => set.truth.scraped.last("model_requests_total", {}, ts(10), ts(0))).toThrow(/is after to/);
  });
});
