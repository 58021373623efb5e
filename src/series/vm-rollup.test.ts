import { maxPrevInterval, removeCounterResets, rollup, scrapeInterval, type Rollup } from "./vm-rollup";

// Vectors computed by hand from VictoriaMetrics 1.79.5's rollup.go; round-trip.test.ts holds the
// same functions against the server.

const s = (seconds: number) => seconds * 1000;
/** A series from [seconds, value] pairs; NaN is a staleness marker. */
const series = (...samples: Array<[number, number]>) => ({
  timestamps: samples.map(([t]) => s(t)),
  values: samples.map(([, v]) => v),
});
/** Every 10 s from 0 to 60. */
const ticks = (...values: number[]) => series(...values.map((v, k): [number, number] => [k * 10, v]));
/** The rollup over (from, to], with every sample fetched (a range query around the window). */
const at = (fn: Rollup, samples: ReturnType<typeof series>, from: number, to: number, fetch = {}) =>
  rollup(fn, samples, { tEnd: s(to), window: s(to - from), fetchFrom: -Infinity, fetchTo: Infinity, ...fetch });

describe("removeCounterResets", () => {
  test.each([
    ["adds the value before a reset to the values after it", [0, 5, 5, 2, 3], [0, 5, 5, 7, 8]],
    ["takes a drop by less than an eighth for a partial reset: the counter stays", [100, 95, 100], [100, 100, 105]],
    ["takes a drop by exactly an eighth for a reset (8 * 10 is not below 80)", [80, 70], [80, 150]],
    ["adds up several resets", [3, 1, 4, 1], [3, 4, 7, 8]],
  ])("%s", (_, values, corrected) => {
    const copy = [...values];
    removeCounterResets(copy);
    expect(copy).toEqual(corrected);
  });
});

describe("the scrape interval VictoriaMetrics estimates", () => {
  test.each([
    ["regular ticks", [0, 10, 20, 30], 10_000],
    // intervals 10, 10, 10, 50: rank 0.6 * 3 = 1.8 between 10 and 10
    ["one gap among four intervals", [0, 10, 20, 30, 80], 10_000],
    // intervals 10 and 50: rank 0.6, so 10 * 0.4 + 50 * 0.6
    ["one gap among two intervals", [0, 10, 60], 34_000],
    ["fewer than two samples: the default", [0], 300_000],
  ])("from %s", (_, seconds, interval) => {
    expect(scrapeInterval(seconds.map(s), 300_000)).toBe(interval);
  });

  test.each([
    [1000, 5000],
    [3000, 9000],
    [5000, 10_000],
    [10_000, 15_000],
    [15_000, 22_500],
    [20_000, 25_000],
    [60_000, 67_500],
  ])("a scrape interval of %i ms lets the base sample be up to %i ms before the window", (interval, max) => {
    expect(maxPrevInterval(interval)).toBe(max);
  });
});

describe("increase", () => {
  test.each<[string, ReturnType<typeof series>, number, number, number | undefined]>([
    ["counts from the last sample before the window, without extrapolation", ticks(0, 1, 2, 3, 4, 5, 6), 20, 50, 5 - 2],
    // corrected 0, 5, 5, 7, 8: from the base 5 at 10 to 8 at 40
    ["adds the value after a reset", ticks(0, 5, 5, 2, 3), 10, 40, 3],
    // intervals 10, 40, 10: estimate 16 s, base up to 24 s old; the sample at 10 is base for (30, 40]
    ["answers 0 inside a gap while the base is recent", series([0, 0], [10, 1], [50, 4], [60, 4]), 30, 40, 0],
    // the sample at 10 is 30 s before (40, 50]: too old for a base, so the value is taken not to have moved during the gap
    [
      "puts a gap's increments in the window of the sample after it",
      series([0, 0], [10, 1], [50, 4], [60, 4]),
      40,
      50,
      3,
    ],
    ["has no value for a window without samples and no base", series([50, 1]), 0, 40, undefined],
    // no base: the first value 2 is below 10 * (|3 - 2| + 1), so the counter is taken to start at 0
    ["counts a late series' small first value from 0", series([30, 2], [40, 3]), 20, 50, 3],
    // 600 is not below 10 * (|610 - 600| + 1): it ran before it was scraped, so 600 is the base
    ["takes a late series' large first value as the base", series([30, 600], [40, 610]), 20, 50, 10],
    // d from the sample after the window: 55 - 50; 50 < 10 * 6, so from 0
    ["weighs a lone first value against the sample after the window", series([30, 50], [40, 55]), 20, 30, 50],
    ["skips a staleness marker", series([0, 1], [10, 2], [20, NaN], [30, 3]), 10, 30, 1],
    // corrected 100, 100, 105
    ["loses what a partial reset hides", series([0, 100], [10, 95], [20, 100]), 0, 20, 5],
  ])("%s", (_, samples, from, to, expected) => {
    expect(at("increase", samples, from, to)).toBe(expected);
  });

  test("weighs a lone first value against nothing when the query fetched no later sample", () => {
    // d = 0: 50 is not below 10, so it is the base, and nothing follows it in the window
    expect(at("increase", series([30, 50], [40, 55]), 20, 30, { fetchTo: s(30) })).toBe(0);
  });

  test("has no base after a gap longer than the query fetched before its window", () => {
    const longGap = series([0, 1], [400, 5]);
    expect(at("increase", longGap, 390, 400)).toBe(4); // 5 - 1
    // fetched from 400 - 10 - 300 = 90 s: no sample before the window, 5 < 10 counts from 0
    expect(at("increase", longGap, 390, 400, { fetchFrom: s(90) })).toBe(5);
  });
});

describe("rate", () => {
  test("is the change per second from the base sample to the window's last", () => {
    expect(at("rate", ticks(0, 10, 20, 30, 40, 50, 60), 20, 50)).toBe(1);
  });

  test("widens a window shorter than the base may be old", () => {
    // (45, 50] is widened to 15 s, (35, 50]: base 30 at 30, last 60 at 50; unwidened it would be (60 - 40) / 10
    expect(at("rate", ticks(0, 10, 20, 30, 40, 60, 70), 45, 50)).toBe(1.5);
  });

  test("without a base, starts at the window's first sample, and has no value for one sample", () => {
    expect(at("rate", series([30, 2], [40, 3], [50, 5]), 20, 50)).toBe(0.15); // (5 - 2) / 20
    expect(at("rate", series([30, 2]), 20, 50)).toBeUndefined();
  });

  test("adds the value after a reset", () => {
    // corrected 0, 5, 5, 7, 8: (8 - 5) / 30
    expect(at("rate", ticks(0, 5, 5, 2, 3), 10, 40)).toBe(0.1);
  });
});

describe("last_over_time", () => {
  test("is the window's last sample, a staleness marker skipped, nothing before the window", () => {
    const ended = series([0, 3], [10, 3], [20, NaN]);
    expect(at("last_over_time", ended, 5, 20)).toBe(3);
    expect(at("last_over_time", ended, 10, 20)).toBeUndefined();
  });
});
