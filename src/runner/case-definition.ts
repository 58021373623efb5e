import type { ToleranceRules } from "../golden/tolerance";
import type { ScrapeOptions, SeriesBuilder, Truth } from "../series";
import { UserError } from "../user-error";

/**
 * Unique to one case and one run, so that cases share a VictoriaMetrics without seeing each other.
 * Names a case derives from them (`${namespace}-neighbour`) are its own too: on a server the suite
 * does not own, the runner deletes their series with the case's.
 */
export interface CaseContext {
  namespace: string;
  modelVersionId: string;
}

/** A GraphQL answer as the backend sent it (timestamps as ISO strings, before normalization). */
export interface Answer {
  // `any` on purpose: case authors read into answers freely (`data.range_model_metrics.inference_volume[2].value`).
  data?: any;
  errors?: ReadonlyArray<{
    message: string;
    path?: ReadonlyArray<string | number>;
    /** Where in the document (from 1), for errors about the document itself. */
    locations?: ReadonlyArray<{ line: number; column: number }>;
    extensions?: Record<string, unknown>;
  }>;
}

export interface OracleInput extends Answer {
  /** What the case's series were built from, independent of VictoriaMetrics. */
  truth: Truth;
  ctx: CaseContext;
}

export interface QueryDefinition {
  /** A GraphQL document. */
  query: string;
  /** `model_version_id` is filled in from the context unless given. */
  variables?: Record<string, unknown> | ((ctx: CaseContext) => Record<string, unknown>);
  /** Path pattern (`range_model_metrics.e2e_response_time_percentiles[*].p99`) to { abs?, rel? }. */
  tolerance?: ToleranceRules;
  /**
   * An oracle: checks the answer against the truth before the golden comparison (use jest's
   * expect), so that a wrong number can never be blessed into a golden by update-goldens.
   */
  check?(input: OracleInput): void | Promise<void>;
}

export interface CaseDefinition {
  name: string;
  /** Default: every 10 s from ts(-60) to ts(600). */
  scrape?: ScrapeOptions;
  /**
   * Appended to the namespace the runner makes for the case (`golden-<uuid>`), to give it what a
   * real namespace may hold and a query must escape: quotes, backslashes, line breaks.
   */
  namespaceSuffix?: string;
  data(builder: SeriesBuilder, ctx: CaseContext): void;
  queries: Record<string, QueryDefinition>;
}

export class CaseDefinitionError extends UserError {
  override name = "CaseDefinitionError";
}

const CASE_KEYS = ["name", "scrape", "namespaceSuffix", "data", "queries"];
const QUERY_KEYS = ["query", "variables", "tolerance", "check"];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Validates a case module's definition at the edge, naming the file and the field. */
export function validateCase(definition: unknown, caseFile: string): asserts definition is CaseDefinition {
  const fail = (what: string): never => {
    throw new CaseDefinitionError(`${caseFile}: ${what}`);
  };
  const unknownKeys = (value: Record<string, unknown>, allowed: string[], where: string) => {
    const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
    if (unknown.length)
      fail(`${where}has no ${unknown.map((k) => `"${k}"`).join(", ")}; it takes ${allowed.join(", ")}`);
  };
  if (!isPlainObject(definition)) return fail("goldenCase() takes { name, data, queries }");
  const d = definition as Partial<CaseDefinition> & Record<string, unknown>;
  unknownKeys(d, CASE_KEYS, "goldenCase({...}) ");
  if (typeof d.name !== "string" || d.name.trim() === "") fail("name must be a non-empty string");
  if (d.namespaceSuffix !== undefined && (typeof d.namespaceSuffix !== "string" || d.namespaceSuffix === ""))
    fail('namespaceSuffix must be a non-empty string, e.g. "-o\\"brien" (appended to the namespace the runner makes)');
  if (typeof d.data !== "function")
    fail("data must be a function ({ counter, gauge, histogram, series }, ctx) => void");
  if (!isPlainObject(d.queries) || Object.keys(d.queries).length === 0) {
    fail("queries must name at least one query: { queries: { range: { query: `...` } } }");
  }
  for (const [name, q] of Object.entries(d.queries!)) {
    if (!isPlainObject(q)) return fail(`queries.${name} must be { query, variables?, tolerance?, check? }`);
    unknownKeys(q, QUERY_KEYS, `queries.${name} `);
    if (typeof q.query !== "string" || q.query.trim() === "")
      fail(`queries.${name}.query must be a GraphQL document string`);
    if (q.variables !== undefined && !isPlainObject(q.variables) && typeof q.variables !== "function") {
      fail(`queries.${name}.variables must be an object or a function (ctx) => object`);
    }
    if (q.check !== undefined && typeof q.check !== "function") fail(`queries.${name}.check must be a function`);
    if (q.tolerance !== undefined && !isPlainObject(q.tolerance)) {
      fail(
        `queries.${name}.tolerance must map path patterns to { abs?, rel? }, e.g. { "instant_model_metrics.average_response_time": { rel: 0.01 } }`,
      );
    }
    for (const [pattern, tol] of Object.entries((q.tolerance ?? {}) as Record<string, unknown>)) {
      const ok =
        isPlainObject(tol) &&
        Object.keys(tol).length > 0 &&
        Object.entries(tol).every(
          ([k, v]) => (k === "abs" || k === "rel") && typeof v === "number" && v >= 0 && Number.isFinite(v),
        );
      if (!ok) fail(`queries.${name}.tolerance["${pattern}"] must be { abs?: number >= 0, rel?: number >= 0 }`);
    }
  }
}
