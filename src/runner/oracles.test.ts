import { createSeriesSet } from "../series";
import { ts } from "../series/time";
import { expectPercentilesInTrueBuckets } from "./oracles";

describe("the stock percentile oracle", () => {
  // 20 observations in one bucket (0.1, 0.5]: p95 and p99 fall in the same bucket, so a bucket
  // check alone could not tell them apart; histogram_quantile's interpolation can.
  const set = createSeriesSet();
  set.histogram("latency", { buckets: [0.1, 0.5, 1] }).observe(ts(10), 0.2, 20);
  const quantile = (q: number) => set.truth.quantile("latency", {}, ts(0), ts(60), q)!.interpolated;

  test("passes what histogram_quantile answers", () => {
    expect(() =>
      expectPercentilesInTrueBuckets(set.truth, "latency", { p95: quantile(0.95), p99: quantile(0.99) }, ts(0), ts(60)),
    ).not.toThrow();
  });

  test("fails a p99 read from the p95 series, though both lie in the true bucket", () => {
    expect(quantile(0.95)).toBeCloseTo(0.48, 12);
    expect(quantile(0.99)).toBeCloseTo(0.496, 12);
    expect(() =>
      expectPercentilesInTrueBuckets(set.truth, "latency", { p99: quantile(0.95) }, ts(0), ts(60)),
    ).toThrow();
  });

  test("wants null where the window has no observations", () => {
    expect(() => expectPercentilesInTrueBuckets(set.truth, "latency", { p50: null }, ts(20), ts(60))).not.toThrow();
    expect(() => expectPercentilesInTrueBuckets(set.truth, "latency", { p50: 0.3 }, ts(20), ts(60))).toThrow();
  });
});
