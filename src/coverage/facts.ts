import type { SeriesKind } from "../series/series";

/**
 * What a case file tells the run's main process about its data and queries, for the coverage of
 * the metrics surface: plain data, cheap to make and to write into the case's record. The main
 * process joins it with the target's schema (coverage.ts); a case file never parses GraphQL.
 * Times are Unix milliseconds.
 */
export interface CaseFacts {
  /** The case's own namespace and model version id in this run. */
  namespace: string;
  modelVersionId: string;
  scrape: { everyMs: number; fromMs: number; toMs: number };
  series: SeriesFacts[];
  /** Every declared query, whether or not this run ran it. */
  queries: Record<string, QueryFacts>;
}

export interface QueryFacts {
  document: string;
  /** As the case file sends them (Dates as ISO strings), model_version_id filled in. */
  variables: Record<string, unknown>;
}

/**
 * One series as the scrapes show it (a histogram as one series, read from its `_count` and
 * buckets): what VictoriaMetrics sees, not the events behind it.
 */
export interface SeriesFacts {
  /** The builder's metric name (a histogram's base name). */
  name: string;
  kind: SeriesKind;
  /** Every label, namespace and model_version_id included (a histogram's le excluded). */
  labels: Record<string, string>;
  /** The first and last sample (a staleness marker counts); absent for a series without samples. */
  first?: number;
  last?: number;
  /** Ticks between the first and the last sample without one: missed scrapes. */
  missed: number[];
  /** Samples that are staleness markers. */
  stale: number[];
  /** Samples below the sample before them: a reset as the scrapes show it. */
  drops: number[];
  /** Samples above the sample before them, or a first sample above 0. */
  rises: number[];
  /** A histogram's samples at which its +Inf bucket gained more than its largest finite bucket. */
  infRises?: number[];
}
