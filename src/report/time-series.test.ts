import type { Json } from "../golden/json";
import { timeSeriesChanges, tsOrder } from "./time-series";

describe("time series in a golden", () => {
  test.each([
    [
      ["ts(60)", "ts(-30)", "ts(0)", "ts(7.5)"],
      ["ts(-30)", "ts(0)", "ts(7.5)", "ts(60)"],
    ],
    [
      ["b", "ts(10)", "a", "ts(5)"],
      ["ts(5)", "ts(10)", "b", "a"],
    ],
  ])("ts(N) labels order by N, others after them in place: %p", (labels, sorted) => {
    expect([...labels].sort(tsOrder)).toEqual(sorted);
  });

  test("each array of points with a timestamp is a series per numeric field; only the fields that moved are returned", () => {
    const before = {
      m: {
        pct: [
          { timestamp: "ts(0)", p50: 1, p99: 2 },
          { timestamp: "ts(30)", p50: 1, p99: 3 },
        ],
      },
    };
    const after = {
      m: {
        pct: [
          { timestamp: "ts(0)", p50: 1, p99: 2 },
          { timestamp: "ts(30)", p50: 1, p99: 4 },
        ],
      },
    };
    expect(timeSeriesChanges(before, after)).toEqual([
      { path: "m.pct", field: "p99", timestamps: ["ts(0)", "ts(30)"], before: [2, 3], after: [2, 4] },
    ]);
  });

  test("points align by timestamp, so a point added at the start does not move every other one", () => {
    const before = {
      s: [
        { timestamp: "ts(30)", value: 2 },
        { timestamp: "ts(60)", value: 3 },
      ],
    };
    const after = {
      s: [
        { timestamp: "ts(0)", value: 1 },
        { timestamp: "ts(30)", value: 2 },
        { timestamp: "ts(60)", value: 3 },
      ],
    };
    expect(timeSeriesChanges(before, after)).toEqual([
      { path: "s", field: "value", timestamps: ["ts(0)", "ts(30)", "ts(60)"], before: [null, 2, 3], after: [1, 2, 3] },
    ]);
  });

  test("a series inside a labelled object carries the labels, to tell it from its siblings", () => {
    const billing = (v: number) => ({
      b: [
        {
          instance_type: "A10G",
          points: [
            { timestamp: "ts(0)", value: 0 },
            { timestamp: "ts(60)", value: v },
          ],
        },
      ],
    });
    expect(timeSeriesChanges(billing(1), billing(2))).toMatchObject([
      { path: "b[0].points", field: "value", context: "instance_type A10G" },
    ]);
  });

  test("an array that became empty is drawn; one whose answer went away is not", () => {
    const s = (points: Json[]): Json => ({ s: points });
    expect(timeSeriesChanges(s([{ timestamp: "ts(0)", value: 1 }]), s([]))).toEqual([
      { path: "s", field: "value", timestamps: ["ts(0)"], before: [1], after: [null] },
    ]);
    expect(timeSeriesChanges(s([{ timestamp: "ts(0)", value: 1 }]), null)).toEqual([]);
  });
});
