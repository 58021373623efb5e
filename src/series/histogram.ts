import { SeriesError } from "./errors";
import type { Labels } from "./labels";
import { byTime, Series, type Sampled, type SeriesContext } from "./series";

/** Prometheus' default buckets (client_golang's DefBuckets). */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface HistogramOptions {
  /** Upper bounds, strictly increasing and finite; the +Inf bucket is always added. */
  buckets?: readonly number[];
  labels?: Labels;
}

/** The keys HistogramOptions has: the builder refuses any other. */
export const HISTOGRAM_OPTIONS: ReadonlyArray<keyof HistogramOptions> = ["buckets", "labels"];

export interface Observation {
  readonly at: number;
  readonly value: number;
  readonly count: number;
}

/**
 * `le` as Prometheus prints a bucket bound: Go's strconv.FormatFloat(b, 'g', -1, 64), the
 * shortest digits, with an exponent (two digits at least) below 1e-4 and from 1e6 on.
 */
export function formatLe(bound: number): string {
  if (bound === Infinity) return "+Inf";
  if (bound === -Infinity) return "-Inf";
  const [digits, exp] = bound.toExponential().split("e") as [string, string];
  const e = Number(exp);
  if (e >= -4 && e < 6) return String(bound);
  const sign = e < 0 ? "-" : "+";
  return `${digits}e${sign}${String(Math.abs(e)).padStart(2, "0")}`;
}

/** The index of the bucket an observation falls in; buckets.length is the +Inf bucket. */
export function bucketIndex(buckets: readonly number[], value: number): number {
  let lo = 0;
  let hi = buckets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= buckets[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function checkBuckets(buckets: unknown, where: string): readonly number[] {
  if (!Array.isArray(buckets) || buckets.length === 0) {
    throw new SeriesError(
      `${where}: buckets must be a non-empty array of upper bounds (the +Inf bucket is added); got ${JSON.stringify(buckets)}`,
    );
  }
  buckets.forEach((b: unknown, i) => {
    if (typeof b !== "number" || !Number.isFinite(b)) {
      throw new SeriesError(
        `${where}: bucket ${i} is ${String(b)}; bounds must be finite numbers (the +Inf bucket is added)`,
      );
    }
    if (i > 0 && b <= buckets[i - 1]) {
      throw new SeriesError(
        `${where}: buckets must be strictly increasing; bucket ${i} (${b}) is not above bucket ${i - 1} (${buckets[i - 1]})`,
      );
    }
  });
  return Object.freeze([...buckets]);
}

/** A classic Prometheus histogram: cumulative `_bucket{le}`, `_sum` and `_count`, present from the first tick. */
export class Histogram extends Series {
  readonly kind = "histogram";
  /** The observations, in call order (Unix ms); the truth reads them. */
  readonly observations: Observation[] = [];

  constructor(
    name: string,
    ownLabels: Labels,
    ctx: SeriesContext,
    readonly buckets: readonly number[],
  ) {
    super(name, ownLabels, ctx);
  }

  /** `count` observations of `value` at `at`. */
  observe(at: Date, value: number, count = 1): this {
    const call = "observe(at, value, count)";
    const t = this.checkTime(at, call);
    const v = this.checkFinite(value, call, "value");
    if (!Number.isInteger(count) || count < 1) {
      throw this.error(call, `count must be a positive whole number of observations; got ${String(count)}`);
    }
    this.observations.push({ at: t, value: v, count });
    this.touched = true;
    return this;
  }

  override emitted() {
    const les = [...this.buckets.map(formatLe), "+Inf"];
    return [
      ...les.map((le) => ({ name: `${this.name}_bucket`, labels: { ...this.labelSet, le } })),
      { name: `${this.name}_sum`, labels: this.labelSet },
      { name: `${this.name}_count`, labels: this.labelSet },
    ];
  }

  protected override reservedLabels(): readonly string[] {
    return ["le"];
  }

  protected derive(ownLabels: Labels): this {
    return new Histogram(this.name, ownLabels, this.ctx, this.buckets) as this;
  }

  protected sampleAll(): Sampled[] {
    const ticks = this.ctx.scrape.ticks;
    const nb = this.buckets.length + 1;
    const obs = byTime(this.observations);
    const bucketOf = Int32Array.from(obs, (o) => bucketIndex(this.buckets, o.value));
    const perBucket = new Float64Array(nb);
    const buckets = Array.from({ length: nb }, () => new Array<number>(ticks.length));
    const sums = new Array<number>(ticks.length);
    const counts = new Array<number>(ticks.length);
    let i = 0;
    let sum = 0;
    let count = 0;
    for (let k = 0; k < ticks.length; k++) {
      for (; i < obs.length && obs[i]!.at <= ticks[k]!; i++) {
        const o = obs[i]!;
        perBucket[bucketOf[i]!]! += o.count;
        sum += o.value * o.count;
        count += o.count;
      }
      let cumulative = 0;
      for (let b = 0; b < nb; b++) buckets[b]![k] = cumulative += perBucket[b]!;
      sums[k] = sum;
      counts[k] = count;
    }
    const les = [...this.buckets.map(formatLe), "+Inf"];
    const out = [
      ...les.map((le, b) => this.present({ __name__: `${this.name}_bucket`, ...this.labelSet, le }, buckets[b]!)),
      this.present({ __name__: `${this.name}_sum`, ...this.labelSet }, sums),
      this.present({ __name__: `${this.name}_count`, ...this.labelSet }, counts),
    ];
    return out.filter((s): s is Sampled => s !== undefined);
  }
}
