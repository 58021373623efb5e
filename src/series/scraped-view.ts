import { SeriesError } from "./errors";
import { Histogram } from "./histogram";
import { formatSeries, hasLabels, type Labels } from "./labels";
import { checkWindow, isValidDate, tsOf } from "./scrape";
import type { Sampled, Series } from "./series";
import { MAX_SILENCE_INTERVAL_MS, rollup, type Evaluation, type Rollup } from "./vm-rollup";

/**
 * What the samples at the scrape's ticks show, and what VictoriaMetrics 1.79.5 computes from them
 * (src/series/vm-rollup.ts): no sample sees increments between the last tick before a reset and
 * the reset; a gap (missed scrapes) moves its increments to the first sample after it; a
 * staleness marker is skipped. Each helper takes a stored metric name (a histogram's
 * `_bucket`, `_sum`, `_count`) and a label subset, and sums over the matching series, as
 * `sum(f(name{labels}[to - from]))` evaluated at `to`. Notation series count too: they are samples.
 */
export interface ScrapedView {
  /** What `sum(increase(name{labels}[to - from]))` answers at `to`; 0 where no series has a value. */
  increase(name: string, labels: Labels, from: Date, to: Date): number;
  /**
   * What `sum(rate(name{labels}[to - from]))` answers at `to`: per second between the base sample
   * and the window's last one (not over the window); 0 where no series has a value.
   */
  rate(name: string, labels: Labels, from: Date, to: Date): number;
  /**
   * What `sum(last_over_time(name{labels}[to - from]))` answers at `to`: each series' last sample
   * in (from, to]; undefined when none has one.
   */
  last(name: string, labels: Labels, from: Date, to: Date): number | undefined;
}

export function createScrapedView(series: () => readonly Series[]): ScrapedView {
  /** The stored series of that name and labels, sampled at the ticks, each with the case's name for it. */
  function stored(where: string, name: string, labels: Labels): Array<{ sampled: Sampled; called: string }> {
    if (typeof labels !== "object" || labels === null)
      throw new SeriesError(`${where}: labels must be an object ({} for all series)`);
    const named = series().filter((s) => s.emitted().some((e) => e.name === name));
    if (named.length === 0) {
      const histogram = series().some((s) => s instanceof Histogram && s.name === name);
      throw new SeriesError(
        `${where}: this case stores no series named ${name}` +
          (histogram ? `; the histogram ${name} is stored as ${name}_bucket, ${name}_sum and ${name}_count` : ""),
      );
    }
    // Sampling is the cost of a call: only the series that store a match are sampled.
    const matching = named.filter((s) => s.emitted().some((e) => e.name === name && hasLabels(e.labels, labels)));
    return matching.flatMap((series) =>
      series
        .sample()
        .filter((s) => s.metric.__name__ === name && hasLabels(s.metric, labels))
        .map((sampled) => {
          const le: Labels = sampled.metric.le === undefined ? {} : { le: sampled.metric.le };
          return { sampled, called: formatSeries(name, { ...series.ownLabels, ...le }) };
        }),
    );
  }

  /**
   * Each matching series' value, and the same for every query VictoriaMetrics could evaluate the
   * window in. A query fetches samples from 5 minutes before its first window (eval.go) up to its
   * end: at least [to - window - 5 min, to], at most all of them. The base sample before a long
   * gap, and the sample after the window that a series' first sample is weighed against, depend
   * on that; where they change the answer, no one number is right, and the view says so.
   */
  function perSeries(fn: Rollup, call: string, name: string, labels: Labels, from: Date, to: Date) {
    const where = `truth.scraped.${call}(${formatSeries(JSON.stringify(name), labels ?? {})}, ${describeSeconds(from)}, ${describeSeconds(to)})`;
    const [a, b] = checkWindow(where, from, to);
    if (a === b)
      throw new SeriesError(
        `${where}: the window (from, to] is empty; VictoriaMetrics reads a [0s] window as the step`,
      );
    const fetches: Array<Pick<Evaluation, "fetchFrom" | "fetchTo">> = [
      { fetchFrom: a - MAX_SILENCE_INTERVAL_MS, fetchTo: b },
      { fetchFrom: a - MAX_SILENCE_INTERVAL_MS, fetchTo: Infinity },
      { fetchFrom: -Infinity, fetchTo: b },
      { fetchFrom: -Infinity, fetchTo: Infinity },
    ];
    return stored(where, name, labels).map(({ sampled, called }) => {
      const answers = fetches.map((f) => rollup(fn, sampled, { tEnd: b, window: b - a, ...f }));
      // In a sum, a series without a value counts as 0; only a different number is a different answer.
      if (answers.some((v) => (v ?? 0) !== (answers[0] ?? 0))) {
        const listed = fetches.map((f, k) => `samples ${describeFetch(f)}: ${answers[k] ?? "no value"}`).join("; ");
        throw new SeriesError(
          `${where}: VictoriaMetrics' answer for ${called} depends on the query that asks it ` +
            `(a query fetches samples from 5 minutes before its first window up to its end): ${listed}. ` +
            "Move the window or the samples so that every query agrees",
        );
      }
      return answers[0];
    });
  }

  const sum = (values: Array<number | undefined>) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

  return {
    increase: (name, labels, from, to) => sum(perSeries("increase", "increase", name, labels, from, to)),
    rate: (name, labels, from, to) => sum(perSeries("rate", "rate", name, labels, from, to)),
    last(name, labels, from, to) {
      const values = perSeries("last_over_time", "last", name, labels, from, to);
      return values.every((v) => v === undefined) ? undefined : sum(values);
    },
  };
}

const describeSeconds = (d: Date) => (isValidDate(d) ? tsOf(d.getTime()) : String(d));

function describeFetch({ fetchFrom, fetchTo }: Pick<Evaluation, "fetchFrom" | "fetchTo">): string {
  const from = fetchFrom === -Infinity ? "from the first" : `from ${tsOf(fetchFrom)}`;
  const to = fetchTo === Infinity ? "to the last" : `to ${tsOf(fetchTo)}`;
  return `${from} ${to}`;
}
