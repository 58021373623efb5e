// The series builder's public pieces; src/index.ts re-exports what case modules use.
export { TIME_BASE, ts, DEFAULT_SCRAPE, type ScrapeOptions } from "./time";
export { createSeriesSet, type SeriesBuilder, type SeriesSet, type SeriesSetOptions } from "./series-set";
export { Counter, type Increment, type Ramp } from "./counter";
export { Gauge, type GaugeSet } from "./gauge";
export { Histogram, DEFAULT_BUCKETS, formatLe, type HistogramOptions, type Observation } from "./histogram";
export { SampleSeries } from "./sample-series";
export { Series, type Sampled, type SeriesKind } from "./series";
export { parseNotation, type Point } from "./notation";
export { SeriesError } from "./errors";
export type { Scrape } from "./scrape";
export type { Truth, QuantileTruth, ObservedValue } from "./truth";
export type { ScrapedView } from "./scraped-view";
export type { Labels } from "./labels";
