import { createSeriesSet } from "./series-set";
import { samplesOf, zip } from "./test-support";
import { ts } from "./time";

const newSet = () => createSeriesSet({ scrape: { every: 10, from: ts(0), to: ts(60) } });

describe("a gauge", () => {
  test("has its last value set at or before each tick, and no sample before the first set", () => {
    const set = newSet();
    set.gauge("g").set(ts(15), 3).set(ts(30), -1).set(ts(50), 0.5);
    expect(samplesOf(set)).toEqual({ g: zip([20, 30, 40, 50, 60], [3, -1, -1, 0.5, 0.5]) });
  });

  test("takes the last call among sets at one instant", () => {
    const set = newSet();
    set.gauge("g").set(ts(30), 1).set(ts(30), 2);
    expect(samplesOf(set)).toEqual({ g: zip([30, 40, 50, 60], [2, 2, 2, 2]) });
  });

  test("that is never set stores nothing, even with a gap", () => {
    const set = newSet();
    set.gauge("g").gap(ts(0), ts(10));
    expect(set.toJsonLines()).toEqual([]);
  });

  test("keeps its value through a gap", () => {
    const set = newSet();
    set.gauge("g").set(ts(0), 7).gap(ts(10), ts(40));
    expect(samplesOf(set)).toEqual({ g: zip([0, 50, 60], [7, 7, 7]) });
  });
});
