// The public surface case modules import. Everything else under src/ is internal.
export { goldenCase } from "./runner/golden-case";
export type { Answer, CaseContext, CaseDefinition, OracleInput, QueryDefinition } from "./runner/case-definition";
export type { GoldenTarget, CreateTarget } from "./runner/target";
export { ts, TIME_BASE, DEFAULT_SCRAPE, type ScrapeOptions } from "./series/time";
export type { SeriesBuilder, Truth, ScrapedView, Labels } from "./series";
export { DEFAULT_TOLERANCES, type Tolerance, type ToleranceRules } from "./golden/tolerance";
export type { VmEndpoints } from "./vm/endpoints";
export { expectPercentilesInTrueBuckets, expectPointsAt, expectTrueAverage, windowEndingAt } from "./runner/oracles";
export { PERCENTILE_FIELDS } from "./golden/percentiles";
