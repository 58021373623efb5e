/**
 * The metrics API's percentile fields (`*_percentiles { p50 p90 p95 p99 }`) and the quantiles
 * they stand for. One table for the API contract's vocabulary: the API asks VictoriaMetrics for
 * these quantiles, the oracles check them, the default tolerances loosen them and the report's
 * demo edits one. It lives in golden/, the lowest folder api/, runner/ and report/ all import.
 */
export const PERCENTILE_FIELDS = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

export type PercentileField = keyof typeof PERCENTILE_FIELDS;

export const isPercentileField = (field: string): field is PercentileField => Object.hasOwn(PERCENTILE_FIELDS, field);
