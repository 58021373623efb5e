import { childPath, type Json, isObject, pathTokens } from "./json";
import { PERCENTILE_FIELDS } from "./percentiles";

/** A value passes when |actual - golden| <= max(abs, rel * |golden|). */
export interface Tolerance {
  abs?: number;
  rel?: number;
}

/** Path pattern (`range_model_metrics.e2e_response_time_percentiles[*].p99`) to tolerance. */
export type ToleranceRules = Record<string, Tolerance>;

/**
 * Project-wide defaults, by field name: the approximate fields of the metrics API. Everything
 * else (counts, volumes, rates, billable minutes) must match exactly. A query's own rules win.
 * - Percentiles are interpolated inside histogram buckets: 1% is interpolation noise across
 *   versions, while a quantile read from the wrong histogram or window moves far more.
 * - Averages are one float division of two sums: only summation-order noise is allowed.
 */
export const DEFAULT_TOLERANCES: Readonly<Record<string, Tolerance>> = {
  ...Object.fromEntries(Object.keys(PERCENTILE_FIELDS).map((field) => [field, { rel: 0.01 }])),
  average_response_time: { rel: 1e-9 },
  average_e2e_response_time: { rel: 1e-9 },
};

/** How far from `golden` a value may be: max(abs, rel * |golden|). */
export const allowedDifference = (tolerance: Tolerance, golden: number): number =>
  Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(golden));

export function withinTolerance(actual: Json | undefined, golden: Json | undefined, tolerance: Tolerance): boolean {
  if (actual === golden) return true;
  if (typeof actual !== "number" || typeof golden !== "number") return false;
  return Math.abs(actual - golden) <= allowedDifference(tolerance, golden);
}

/** A tolerance in words, `abs 0.5, rel 0.01`, as failures and the report print it; each prints numbers its own way. */
export function describeTolerance(
  tolerance: Tolerance,
  show: { abs: (n: number) => string; rel: (n: number) => string } = { abs: String, rel: String },
): string {
  const parts = [];
  if (tolerance.abs !== undefined) parts.push(`abs ${show.abs(tolerance.abs)}`);
  if (tolerance.rel !== undefined) parts.push(`rel ${show.rel(tolerance.rel)}`);
  return parts.join(", ");
}

/** `[*]` matches any index, `*` any field name; everything else matches itself. */
export function matchesPattern(pattern: string, path: string): boolean {
  const [p, t] = [pathTokens(pattern), pathTokens(path)];
  return (
    p.length === t.length &&
    p.every(
      (token, i) =>
        token === t[i] || (token === "[*]" ? t[i]!.startsWith("[") : token === "*" && !t[i]!.startsWith("[")),
    )
  );
}

/**
 * The tolerance for a path: the query's first matching pattern, else the default for the
 * nearest field name that has one, so that a range series' points (`average_response_time[3].value`)
 * get the default of the field they belong to.
 */
export function toleranceFor(path: string, rules: ToleranceRules = {}): Tolerance | undefined {
  for (const [pattern, tolerance] of Object.entries(rules)) if (matchesPattern(pattern, path)) return tolerance;
  const field = pathTokens(path)
    .reverse()
    .find((token) => Object.hasOwn(DEFAULT_TOLERANCES, token));
  return field === undefined ? undefined : DEFAULT_TOLERANCES[field];
}

/** The path shown to users and matched by patterns: relative to `data`, as patterns are written. */
function child(parent: string, key: string | number): string {
  return parent === "" && key === "data" ? "" : childPath(parent, key);
}

/**
 * The churn-free rule: every number within tolerance of the golden's is replaced by the golden's
 * own value, so a difference the tolerance allows never changes a file or fails a test.
 */
export function snapToGolden(actual: Json, golden: Json | undefined, rules: ToleranceRules = {}, path = ""): Json {
  if (golden === undefined) return actual;
  if (typeof actual === "number" && typeof golden === "number") {
    const tolerance = toleranceFor(path, rules);
    return tolerance && withinTolerance(actual, golden, tolerance) ? golden : actual;
  }
  if (Array.isArray(actual)) {
    return actual.map((v, i) => snapToGolden(v, Array.isArray(golden) ? golden[i] : undefined, rules, child(path, i)));
  }
  if (isObject(actual)) {
    const g = isObject(golden) ? golden : {};
    return Object.fromEntries(
      Object.entries(actual).map(([k, v]) => [k, snapToGolden(v, g[k], rules, child(path, k))]),
    );
  }
  return actual;
}

export interface Difference {
  path: string;
  /** undefined: absent on that side. */
  golden: Json | undefined;
  actual: Json | undefined;
  /** actual - golden, for two numbers. */
  difference?: number;
  tolerance?: Tolerance;
}

/** Every leaf where the (already snapped) answer and the golden differ. */
export function differences(
  actual: Json | undefined,
  golden: Json | undefined,
  rules: ToleranceRules = {},
  path = "",
): Difference[] {
  if (Array.isArray(actual) && Array.isArray(golden)) {
    const length = Math.max(actual.length, golden.length);
    return Array.from({ length }, (_, i) => differences(actual[i], golden[i], rules, child(path, i))).flat();
  }
  if (isObject(actual) && isObject(golden)) {
    const keys = [...new Set([...Object.keys(golden), ...Object.keys(actual)])];
    return keys.flatMap((k) => differences(actual[k], golden[k], rules, child(path, k)));
  }
  if (actual === golden) return [];
  const found: Difference = { path, golden, actual };
  if (typeof actual === "number" && typeof golden === "number") {
    found.difference = actual - golden;
    const tolerance = toleranceFor(path, rules);
    if (tolerance) found.tolerance = tolerance;
  }
  return [found];
}

/** Paths of the leaves a tolerance can apply to (numbers, and nulls that may become one), relative to `data`. */
function numericPaths(value: Json | undefined, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => numericPaths(v, child(path, i)));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => numericPaths(v, child(path, k)));
  return typeof value === "number" || value === null ? [path] : [];
}

/** Levenshtein distance, for suggesting the pattern a typo meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The patterns of `rules` that match no number of the answer (a typo: a rule that never
 * applies), each with the nearest pattern that would match, indices written as [*].
 */
export function unmatchedPatterns(
  answer: Json,
  rules: ToleranceRules = {},
): Array<{ pattern: string; nearest?: string }> {
  const paths = numericPaths(isObject(answer) ? answer.data : answer);
  const candidates = [...new Set(paths.map((path) => path.replace(/\[\d+\]/g, "[*]")))];
  return Object.keys(rules)
    .filter((pattern) => !paths.some((path) => matchesPattern(pattern, path)))
    .map((pattern) => {
      const nearest = candidates.sort((a, b) => editDistance(pattern, a) - editDistance(pattern, b))[0];
      return nearest === undefined ? { pattern } : { pattern, nearest };
    });
}
