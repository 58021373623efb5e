import { TIME_BASE } from "../series/time";
import { type Json, isObject } from "./json";

/** What makes one run's answer differ from another's without a change in meaning. */
export interface NormalizeContext {
  namespace: string;
  modelVersionId: string;
  /** `ts(0)`; default: the suite's TIME_BASE. */
  timeBase?: Date;
}

export const SIGNIFICANT_DIGITS = 12;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The one place where an answer becomes a golden body, in design.md's order: timestamps become
 * "ts(N)"; the case's namespace and model version id become placeholders, inside messages too;
 * finite numbers are rounded to 12 significant digits; errors keep message, code and path only.
 */
export function normalize(answer: unknown, ctx: NormalizeContext): Json {
  const base = (ctx.timeBase ?? TIME_BASE).getTime();
  const walk = (value: unknown): Json => {
    if (typeof value === "string") return normalizeString(value, base, ctx);
    // JSON has no NaN or Infinity; a golden spells them out rather than losing them.
    if (typeof value === "number")
      return Number.isFinite(value) ? Number(value.toPrecision(SIGNIFICANT_DIGITS)) : String(value);
    if (Array.isArray(value)) return value.map(walk);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value === undefined ? null : (value as Json);
  };
  const { errors, ...rest } = (isObject(answer) ? answer : { data: answer }) as { errors?: unknown[] } & Record<
    string,
    unknown
  >;
  const normalized = walk(rest) as Record<string, Json>;
  if (errors !== undefined) normalized.errors = errors.map((e) => walk(keepErrorFields(e)));
  return normalized;
}

function normalizeString(value: string, base: number, ctx: NormalizeContext): string {
  if (ISO_INSTANT.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return `ts(${(t - base) / 1000})`;
  }
  return redact(value, ctx);
}

/** The case's namespace and model version id as placeholders, wherever they appear in a text. */
export function redact(text: string, ctx: NormalizeContext): string {
  return text.split(ctx.namespace).join("<namespace>").split(ctx.modelVersionId).join("<model_version_id>");
}

/** Errors keep what a user of the API sees and relies on; locations and stacks are noise. */
function keepErrorFields(error: unknown): Record<string, unknown> {
  const e = (isObject(error) ? error : { message: String(error) }) as {
    message?: unknown;
    path?: unknown;
    extensions?: { code?: unknown };
  };
  const kept: Record<string, unknown> = { message: e.message ?? null };
  if (e.extensions?.code !== undefined) kept.extensions = { code: e.extensions.code };
  if (e.path !== undefined) kept.path = e.path;
  return kept;
}
