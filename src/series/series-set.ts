import type { JsonLine, VmClient } from "../vm/client";
import { Counter } from "./counter";
import { hasStaleMarker, jsonLineWriter, toJsonLine } from "./emit";
import { SeriesError } from "./errors";
import { Gauge } from "./gauge";
import { checkBuckets, DEFAULT_BUCKETS, Histogram, HISTOGRAM_OPTIONS, type HistogramOptions } from "./histogram";
import { checkLabels, checkMetricName, formatSeries, identityKey, type Labels } from "./labels";
import { parseNotation } from "./notation";
import { checkOptions } from "./options";
import { SampleSeries } from "./sample-series";
import { resolveScrape, type Scrape } from "./scrape";
import { parseSelector } from "./selector";
import type { Sampled, Series, SeriesContext, SeriesKind } from "./series";
import type { ScrapeOptions } from "./time";
import { createTruth, type Truth } from "./truth";

/** What a case's data() gets. Plain functions: `data({ counter })` destructures them. */
export interface SeriesBuilder {
  counter(name: string, labels?: Labels): Counter;
  gauge(name: string, labels?: Labels): Gauge;
  histogram(name: string, options?: HistogramOptions): Histogram;
  /** A series given sample by sample: `series('up{job="a"}', '1x10 _x3 0 stale')`. */
  series(selector: string, notation: string): SampleSeries;
}

export interface SeriesSetOptions {
  /** Default: DEFAULT_SCRAPE. */
  scrape?: ScrapeOptions;
  /** Added to every series unless the case gives the label itself (namespace, model_version_id). */
  commonLabels?: Labels;
}

/** The series of one case: a builder, what they emit, and the truth they were built from. */
export interface SeriesSet extends SeriesBuilder {
  readonly scrape: Scrape;
  readonly truth: Truth;
  /** Every series the builder made, children included, in call order. */
  allSeries(): readonly Series[];
  /** Every series as VictoriaMetrics stores it, one line per series (ms timestamps; NaN = stale). */
  toJsonLines(): JsonLine[];
  /** One import of every series (plus one remote write if some carry stale markers), then one flush. */
  ingest(client: VmClient): Promise<void>;
}

export function createSeriesSet(options: SeriesSetOptions = {}): SeriesSet {
  const scrape = resolveScrape(options.scrape);
  const commonLabels = { ...(options.commonLabels ?? {}) };
  checkLabels(commonLabels, "commonLabels");
  const all: Series[] = [];
  const identities = new Map<string, Series>();
  const kinds = new Map<string, SeriesKind>();

  const ctx: SeriesContext = {
    scrape,
    commonLabels,
    register(series, where) {
      // One name, one kind: VictoriaMetrics would not mind, but a case that mixes them has a typo.
      const kind = kinds.get(series.name);
      if (series.kind !== "samples" && kind !== undefined && kind !== series.kind) {
        throw new SeriesError(
          `${where}: ${series.name} is already a ${kind} in this case; one metric name has one kind`,
        );
      }
      const stored = series.emitted().map(({ name, labels }) => ({ key: identityKey(name, labels), name, labels }));
      for (const { key, name, labels } of stored) {
        const first = identities.get(key);
        if (first) {
          throw new SeriesError(
            `${where}: a series with the same name and labels already exists (${formatSeries(name, labels)}, ` +
              `made as ${first.kind} ${first}); give this one another label value, or reuse the first`,
          );
        }
      }
      for (const { key } of stored) identities.set(key, series);
      if (series.kind !== "samples") kinds.set(series.name, series.kind);
      all.push(series);
    },
  };

  const add = <S extends Series>(series: S, where: string): S => {
    ctx.register(series, where);
    return series;
  };
  const describeCall = (call: string, name: unknown, labels: unknown) =>
    `${call}(${JSON.stringify(name)}${labels && typeof labels === "object" && Object.keys(labels).length ? `, ${formatSeries("", labels as Labels)}` : ""})`;
  const named = (call: string, name: unknown, labels: unknown, reserved?: readonly string[]) => {
    const where = describeCall(call, name, labels);
    checkMetricName(name, where);
    checkLabels(labels, where, reserved);
    return { name, labels, where };
  };
  const sampled = (): Sampled[] => all.flatMap((s) => s.sample());

  return {
    scrape,
    truth: createTruth(() => all),
    allSeries: () => all,
    counter: (name, labels = {}) => {
      const n = named("counter", name, labels);
      return add(new Counter(n.name, n.labels, ctx), n.where);
    },
    gauge: (name, labels = {}) => {
      const n = named("gauge", name, labels);
      return add(new Gauge(n.name, n.labels, ctx), n.where);
    },
    histogram: (name, options) => {
      checkOptions(options, HISTOGRAM_OPTIONS, describeCall("histogram", name, undefined), {
        array: "buckets go in { buckets: [...] }",
        strings: "labels go in { labels: { ... } }",
      });
      const { buckets = DEFAULT_BUCKETS, labels = {} } = options ?? {};
      const n = named("histogram", name, labels, ["le"]);
      return add(new Histogram(n.name, n.labels, ctx, checkBuckets(buckets, n.where)), n.where);
    },
    series: (selector, notation) => {
      const where = `series(${JSON.stringify(selector)}, ${JSON.stringify(notation)})`;
      const { name, labels } = parseSelector(selector, where);
      checkMetricName(name, where);
      checkLabels(labels, where);
      return add(new SampleSeries(name, labels, ctx, parseNotation(notation, where, scrape)), where);
    },
    toJsonLines: () => sampled().map(toJsonLine),
    async ingest(client) {
      const series = sampled();
      const writeLine = jsonLineWriter(scrape.ticks);
      await client.importJsonLines(series.filter((s) => !hasStaleMarker(s)).map(writeLine));
      await client.importRemoteWrite(series.filter(hasStaleMarker).map(toJsonLine));
      await client.flush();
    },
  };
}
