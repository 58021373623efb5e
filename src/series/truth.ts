import { Counter } from "./counter";
import { SeriesError } from "./errors";
import { Gauge } from "./gauge";
import { bucketIndex, Histogram } from "./histogram";
import { formatSeries, hasLabels, type Labels } from "./labels";
import { checkWindow, isValidDate } from "./scrape";
import { createScrapedView, type ScrapedView } from "./scraped-view";
import type { Series } from "./series";

/** `count` observations of `value`. */
export interface ObservedValue {
  value: number;
  count: number;
}

export interface QuantileTruth {
  /** The true q-quantile: the smallest observation v with count(observations <= v) >= q * n. */
  value: number;
  /**
   * [lower, upper] of the bucket histogram_quantile picks (the first whose cumulative count
   * reaches q * n), so its answer lies in it: lower is the previous bound (0 below the first,
   * as histogram_quantile assumes); upper is Infinity for the +Inf bucket, where
   * histogram_quantile answers `lower`, the largest finite bound.
   */
  bucket: [lower: number, upper: number];
  /**
   * What histogram_quantile answers from the window's bucket counts: linear interpolation inside
   * that bucket, lower + (upper - lower) * (q * n - below) / inBucket, where `below` is the count
   * of the buckets under it; the +Inf bucket answers its lower bound, the largest finite one.
   * A quantile read from another series, window or quantile differs from it.
   */
  interpolated: number;
  /** n: the observations in the window. */
  count: number;
}

/**
 * What the series were built from, for checking an answer without VictoriaMetrics. Each helper
 * takes a metric name and a label subset: it covers every series of that name whose labels
 * include the subset (`{}`: all of them). Windows are (from, to], as `increase(x[to - from])`
 * at `to` sees them. Notation series have no events: a helper whose name and labels match one
 * refuses (`scraped`, which reads samples, answers for them).
 */
export interface Truth {
  /** Increments of counters in (from, to]: resets do not subtract; a ramp counts perSecond * overlap. */
  increments(name: string, labels: Labels, from: Date, to: Date): number;
  /** Observations of histograms in (from, to], merged by value, ascending. */
  observations(name: string, labels: Labels, from: Date, to: Date): ObservedValue[];
  count(name: string, labels: Labels, from: Date, to: Date): number;
  sum(name: string, labels: Labels, from: Date, to: Date): number;
  /** The q-quantile of those observations; undefined when there are none. */
  quantile(name: string, labels: Labels, from: Date, to: Date, q: number): QuantileTruth | undefined;
  /** The sum over matching gauges of each one's last value at or before `at` (as `sum(g)` sees it); undefined when none is set yet. */
  gauge(name: string, labels: Labels, at: Date): number | undefined;
  /** The same, per series: each matching gauge set by `at`, with all its labels. */
  gauges(name: string, labels: Labels, at: Date): Array<{ labels: Labels; value: number }>;
  /**
   * What the samples at the ticks show, as VictoriaMetrics computes from them: increments lost to
   * a reset between ticks, increments a gap delays, staleness markers skipped. For oracles of
   * windows the events alone cannot answer: `scraped.increase(name, labels, from, to)`.
   */
  readonly scraped: ScrapedView;
}

export function createTruth(series: () => readonly Series[]): Truth {
  function find<S extends Series>(
    type: abstract new (...args: never[]) => S,
    kind: string,
    call: string,
    name: string,
    labels: Labels,
  ): S[] {
    const where = `truth.${call}(${formatSeries(JSON.stringify(name), labels ?? {})})`;
    if (typeof labels !== "object" || labels === null)
      throw new SeriesError(`${where}: labels must be an object ({} for all series)`);
    const named = series().filter((s) => s.name === name);
    if (named.length === 0) throw new SeriesError(`${where}: this case has no series named ${name}`);
    if (!named.some((s) => s instanceof type)) {
      const other = named.find((s) => s.kind !== "samples");
      const actual = other ? `${other.kind},` : "notation series, given as samples rather than events,";
      throw new SeriesError(`${where}: ${name} is a ${actual} not a ${kind}`);
    }
    const matching = named.filter((s) => hasLabels(s.labelSet, labels));
    // A notation series may share its name with builder series; answering for the builder ones
    // alone would be a partial sum (or undefined) that looks like a whole one.
    const notation = matching.filter((s) => s.kind === "samples");
    if (notation.length > 0) {
      const [is, it] = notation.length === 1 ? ["is", "it"] : ["are", "them"];
      throw new SeriesError(
        `${where}: ${notation.join(", ")} ${is} written in notation, which gives samples, not events, so the truth ` +
          `cannot answer for ${it}; ask with labels that leave ${it} out, or build ${it} with the builder`,
      );
    }
    return matching.filter((s): s is S => s instanceof type);
  }

  function observed(call: string, name: string, labels: Labels, from: Date, to: Date) {
    const [a, b] = checkWindow(`truth.${call}`, from, to);
    const histograms = find(Histogram, "histogram", call, name, labels);
    const byValue = new Map<number, number>();
    for (const h of histograms) {
      for (const o of h.observations)
        if (o.at > a && o.at <= b) byValue.set(o.value, (byValue.get(o.value) ?? 0) + o.count);
    }
    const values = [...byValue].map(([value, count]) => ({ value, count })).sort((x, y) => x.value - y.value);
    return { histograms, values };
  }

  function gauges(call: string, name: string, labels: Labels, at: Date) {
    if (!isValidDate(at))
      throw new SeriesError(`truth.${call}: at must be a valid Date such as ts(60); got ${String(at)}`);
    return find(Gauge, "gauge", call, name, labels).flatMap((g) => {
      const value = g.valueAt(at.getTime());
      return value === undefined ? [] : [{ labels: { ...g.labelSet }, value }];
    });
  }

  return {
    increments(name, labels, from, to) {
      const [a, b] = checkWindow("truth.increments", from, to);
      let total = 0;
      for (const c of find(Counter, "counter", "increments", name, labels)) {
        for (const inc of c.increments) if (inc.at > a && inc.at <= b) total += inc.by;
        for (const r of c.ramps) total += (r.perSecond * Math.max(0, Math.min(r.to, b) - Math.max(r.from, a))) / 1000;
      }
      return total;
    },

    observations: (name, labels, from, to) => observed("observations", name, labels, from, to).values,
    count: (name, labels, from, to) =>
      observed("count", name, labels, from, to).values.reduce((n, o) => n + o.count, 0),
    sum: (name, labels, from, to) =>
      observed("sum", name, labels, from, to).values.reduce((n, o) => n + o.value * o.count, 0),

    quantile(name, labels, from, to, q) {
      if (typeof q !== "number" || !(q >= 0 && q <= 1))
        throw new SeriesError(`truth.quantile: q must be in [0, 1]; got ${String(q)}`);
      const { histograms, values } = observed("quantile", name, labels, from, to);
      const bounds = histograms[0]?.buckets ?? [];
      if (histograms.some((h) => h.buckets.join() !== bounds.join())) {
        throw new SeriesError(
          `truth.quantile(${name}): the matching series have different buckets; histogram_quantile over their sum would be meaningless`,
        );
      }
      const n = values.reduce((sum, o) => sum + o.count, 0);
      if (n === 0) return undefined;
      // The same float product histogram_quantile compares against; "> 0" makes q = 0 the smallest observation.
      const rank = q * n;
      const reaches = (cumulative: number) => cumulative >= rank && cumulative > 0;
      let cumulative = 0;
      const value = values.find((o) => reaches((cumulative += o.count)))!.value;
      const perBucket = new Array<number>(bounds.length + 1).fill(0);
      for (const o of values) perBucket[bucketIndex(bounds, o.value)]! += o.count;
      cumulative = 0;
      const b = perBucket.findIndex((c) => reaches((cumulative += c)));
      const lower = b === 0 ? Math.min(0, bounds[0]!) : bounds[b - 1]!;
      const upper = bounds[b] ?? Infinity;
      const below = cumulative - perBucket[b]!;
      const interpolated = upper === Infinity ? lower : lower + ((upper - lower) * (rank - below)) / perBucket[b]!;
      return { value, bucket: [lower, upper], interpolated, count: n };
    },

    gauge(name, labels, at) {
      const values = gauges("gauge", name, labels, at);
      return values.length === 0 ? undefined : values.reduce((sum, g) => sum + g.value, 0);
    },

    gauges: (name, labels, at) => gauges("gauges", name, labels, at),

    scraped: createScrapedView(series),
  };
}
