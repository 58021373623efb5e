import { basename } from "node:path";
import { byEntryName, parseGolden, parseGoldenBody } from "../golden/golden-file";
import { enclosingTimestamp, isObject, type Json } from "../golden/json";
import {
  differences,
  matchesPattern,
  type Tolerance,
  toleranceFor,
  type ToleranceRules,
  withinTolerance,
} from "../golden/tolerance";
import { GOLDEN_SUFFIX } from "../golden/layout";
import { timeSeriesChanges, type SeriesChange, tsOrder } from "./time-series";

/** Golden files by path relative to the project root (`__golden__/billing.snap`) → their text. */
export type GoldenTexts = ReadonlyMap<string, string>;

export type Status = "added" | "removed" | "changed" | "unchanged";
export type Side = "before" | "after";

export interface Counts {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

/** The whole report: what every renderer (Markdown, HTML, the update-goldens summary) draws from. */
export interface Report {
  summary: { cases: Counts; queries: Counts };
  /** Every case seen on either side, by name; renderers skip the unchanged ones. */
  cases: CaseReport[];
  /** Golden files or entries that could not be read; the rest of the report stands without them. */
  problems: Problem[];
}

export interface Problem {
  file: string;
  side: Side;
  /** The entry, when the file was read but one body is not JSON. */
  query?: string;
  message: string;
}

export interface CaseReport {
  name: string;
  file: string;
  /** "unreadable": the file could not be parsed on one side; its queries are not counted. */
  status: Status | "unreadable";
  queries: QueryReport[];
}

export interface QueryReport {
  name: string;
  status: Status;
  change?: QueryChange;
}

export interface QueryChange {
  /** Changed values of `data`, grouped by field pattern (`a.b[*].p99`). */
  fields: FieldChange[];
  /** GraphQL errors that appeared, disappeared or changed message, code or path. */
  errors: ErrorChange[];
  /** Time series (arrays of points with a `timestamp`) whose numbers moved: one per array and field. */
  series: SeriesChange[];
  /** Set when a body is not JSON on one side: the entry changed, and only its text can be compared. */
  unparsed?: Side[];
}

/** Where the tolerance used for a field came from. */
export type ToleranceSource = "query" | "default" | "exact";

export interface FieldChange {
  /** The path pattern of the changed values, relative to `data`, with `[*]` for indices. */
  field: string;
  /** Values that changed. */
  points: number;
  /** Over the changes from a number to a number; undefined when there are none. */
  largestAbsolute?: number;
  /** |new - old| / |old|; Infinity for a change from 0. */
  largestRelative?: number;
  /** Changes that are not number to number: null ↔ number, text, values added or removed. */
  other: Partial<Record<OtherChange, number>>;
  /** The first and last `ts(N)` (in time order) of a point that moved; undefined outside time series. */
  firstTs?: string;
  lastTs?: string;
  tolerance: { source: ToleranceSource; rule?: Tolerance };
  /** Changed values beyond tolerance: a test with the old golden would fail on them. */
  outside: number;
}

export type OtherChange =
  "null → number" | "number → null" | "became null" | "was null" | "added" | "removed" | "other value";

export interface GraphqlError {
  message?: string;
  code?: string;
  path?: string;
}

export interface ErrorChange {
  index: number;
  before?: GraphqlError;
  after?: GraphqlError;
}

/** A query's tolerance as the report judges it; the default (no rules) is DEFAULT_TOLERANCES alone. */
export type ToleranceLookup = (caseName: string, queryName: string) => ToleranceRules;
export const DEFAULTS_ONLY: ToleranceLookup = () => ({});

export interface CompareOptions {
  tolerances?: ToleranceLookup;
}

type Parsed = { ok: true; entries: Map<string, string> } | { ok: false; message: string };

/** Old goldens against new: pure, from the files' text alone. */
export function compareGoldens(before: GoldenTexts, after: GoldenTexts, options: CompareOptions = {}): Report {
  const tolerances = options.tolerances ?? DEFAULTS_ONLY;
  const problems: Problem[] = [];
  const cases: CaseReport[] = [];
  const caseOf = (file: string) => basename(file, GOLDEN_SUFFIX);
  const files = [...new Set([...before.keys(), ...after.keys()])].sort(
    (a, b) => byEntryName(caseOf(a), caseOf(b)) || byEntryName(a, b),
  );

  for (const file of files) {
    const name = caseOf(file);
    const sides = { before: parse(before.get(file), file), after: parse(after.get(file), file) };
    const unreadable = (["before", "after"] as const).filter((side) => sides[side]?.ok === false);
    for (const side of unreadable) {
      const parsed = sides[side];
      if (parsed && !parsed.ok) problems.push({ file, side, message: parsed.message });
    }
    if (unreadable.length > 0) {
      cases.push({ name, file, status: "unreadable", queries: [] });
      continue;
    }
    const entriesOf = (side: Parsed | undefined) => (side?.ok ? side.entries : new Map<string, string>());
    const [old, now] = [entriesOf(sides.before), entriesOf(sides.after)];
    const queries: QueryReport[] = [];
    for (const query of [...new Set([...old.keys(), ...now.keys()])].sort(byEntryName)) {
      const [o, n] = [old.get(query), now.get(query)];
      if (o === undefined) queries.push({ name: query, status: "added" });
      else if (n === undefined) queries.push({ name: query, status: "removed" });
      else if (o === n) queries.push({ name: query, status: "unchanged" });
      else
        queries.push({
          name: query,
          status: "changed",
          change: compareEntry(o, n, tolerances(name, query), (side, message) =>
            problems.push({ file, side, query, message }),
          ),
        });
    }
    const status: Status = !sides.before
      ? "added"
      : !sides.after
        ? "removed"
        : queries.every((q) => q.status === "unchanged")
          ? "unchanged"
          : "changed";
    cases.push({ name, file, status, queries });
  }

  const count = (statuses: string[]): Counts => ({
    added: statuses.filter((s) => s === "added").length,
    removed: statuses.filter((s) => s === "removed").length,
    changed: statuses.filter((s) => s === "changed").length,
    unchanged: statuses.filter((s) => s === "unchanged").length,
  });
  return {
    summary: {
      cases: count(cases.map((c) => c.status)),
      queries: count(cases.flatMap((c) => c.queries.map((q) => q.status))),
    },
    cases,
    problems,
  };
}

function parse(text: string | undefined, file: string): Parsed | undefined {
  if (text === undefined) return undefined;
  try {
    return { ok: true, entries: parseGolden(text, file) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** One query's golden, old against new. */
export function compareEntry(
  before: string,
  after: string,
  rules: ToleranceRules = {},
  onUnparsed: (side: Side, message: string) => void = () => {},
): QueryChange {
  const old = parseGoldenBody(before);
  const now = parseGoldenBody(after);
  if (!old.ok || !now.ok) {
    const unparsed: Side[] = [];
    if (!old.ok) {
      unparsed.push("before");
      onUnparsed("before", old.message);
    }
    if (!now.ok) {
      unparsed.push("after");
      onUnparsed("after", now.message);
    }
    return { fields: [], errors: [], series: [], unparsed };
  }

  const [g, a] = [old.value, now.value];
  const dataOf = (v: Json) => (isObject(v) ? v.data : v);
  return {
    fields: fieldChanges(dataOf(g), dataOf(a), g, a, rules),
    errors: errorChanges(g, a),
    series: timeSeriesChanges(dataOf(g), dataOf(a)),
  };
}

/** `a.b[3].c` → `a.b[*].c`: the field a change belongs to, as tolerance patterns name it; `data` for the whole of it. */
export const fieldOf = (path: string) => (path === "" ? "data" : path.replace(/\[\d+\]/g, "[*]"));

function fieldChanges(
  oldData: Json | undefined,
  newData: Json | undefined,
  oldRoot: Json,
  newRoot: Json,
  rules: ToleranceRules,
): FieldChange[] {
  const byField = new Map<string, FieldChange & { times: string[] }>();
  for (const d of differences(newData, oldData, rules)) {
    const field = fieldOf(d.path);
    let change = byField.get(field);
    if (!change) {
      change = { field, points: 0, other: {}, tolerance: toleranceOf(d.path, rules), outside: 0, times: [] };
      byField.set(field, change);
    }
    change.points++;
    if (d.difference !== undefined) {
      const old = d.golden as number;
      const relative = old === 0 ? Infinity : Math.abs(d.difference) / Math.abs(old);
      change.largestAbsolute = Math.max(change.largestAbsolute ?? 0, Math.abs(d.difference));
      change.largestRelative = Math.max(change.largestRelative ?? 0, relative);
    } else {
      const kind = otherChange(d.golden, d.actual);
      change.other[kind] = (change.other[kind] ?? 0) + 1;
    }
    if (!withinTolerance(d.actual, d.golden, toleranceFor(d.path, rules) ?? {})) change.outside++;
    const at = enclosingTimestamp(newRoot, d.path) ?? enclosingTimestamp(oldRoot, d.path);
    if (at !== undefined) change.times.push(at);
  }
  return [...byField.values()].map(({ times, ...change }) => {
    const sorted = [...new Set(times)].sort(tsOrder);
    return sorted.length > 0 ? { ...change, firstTs: sorted[0], lastTs: sorted.at(-1) } : change;
  });
}

function toleranceOf(path: string, rules: ToleranceRules): FieldChange["tolerance"] {
  const rule = toleranceFor(path, rules);
  if (!rule) return { source: "exact" };
  return { source: Object.keys(rules).some((pattern) => matchesPattern(pattern, path)) ? "query" : "default", rule };
}

function otherChange(old: Json | undefined, now: Json | undefined): OtherChange {
  if (old === undefined) return "added";
  if (now === undefined) return "removed";
  if (old === null && typeof now === "number") return "null → number";
  if (typeof old === "number" && now === null) return "number → null";
  if (now === null) return "became null";
  if (old === null) return "was null";
  return "other value";
}

/** GraphQL errors, by index, as a golden keeps them: message, code and path. */
function errorChanges(oldRoot: Json, newRoot: Json): ErrorChange[] {
  const [old, now] = [errorsOf(oldRoot), errorsOf(newRoot)];
  const changes: ErrorChange[] = [];
  for (let index = 0; index < Math.max(old.length, now.length); index++) {
    const [before, after] = [old[index], now[index]];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const change: ErrorChange = { index };
    if (before) change.before = before;
    if (after) change.after = after;
    changes.push(change);
  }
  return changes;
}

function errorsOf(root: Json): GraphqlError[] {
  const errors = isObject(root) ? root.errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => {
    const error: GraphqlError = {};
    if (!isObject(e)) return { message: JSON.stringify(e) };
    if (typeof e.message === "string") error.message = e.message;
    const code = isObject(e.extensions) ? e.extensions.code : undefined;
    if (typeof code === "string") error.code = code;
    if (Array.isArray(e.path)) error.path = e.path.join(".");
    return error;
  });
}
