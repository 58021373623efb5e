import { DEFAULT_TOLERANCES, describeTolerance, type Tolerance } from "../golden/tolerance";
import { tsOrder } from "./time-series";
import type { CoverageInput } from "./coverage-section";
import type { Counts, ErrorChange, FieldChange, GraphqlError, Problem, QueryChange, Report } from "./compare";

/** Words and numbers as every rendering of the report prints them, so Markdown and HTML agree. */

/** Six significant digits at most, no trailing zeros: 0.0866667, 2, -1.5e-7. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}

/** A relative change as a percentage; a change from 0 has none. */
export function formatPercent(r: number | undefined): string {
  if (r === undefined) return "—";
  if (r === Infinity) return "from 0";
  const pct = r * 100;
  return `${pct >= 0.01 ? String(Number(pct.toPrecision(3))) : pct.toExponential(1)}%`;
}

export function formatTolerance(t: FieldChange["tolerance"]): string {
  if (t.source === "exact" || !t.rule) return "exact";
  return `${describe(t.rule)} (${t.source === "query" ? "query" : "default"})`;
}

/**
 * Whether the change is within tolerance, as a reviewer reads it. A change beyond tolerance is
 * usually the point of the pull request (an intended exact change), so it is worded as a change
 * to review, never as a failure.
 */
export function formatVerdict(change: FieldChange): { ok: boolean; text: string } {
  if (change.outside === 0) return { ok: true, text: change.points === 1 ? "yes" : `yes, all ${change.points}` };
  const beyond =
    change.outside === change.points
      ? change.points === 1
        ? "no"
        : `no, all ${change.points}`
      : `no, ${change.outside} of ${change.points}`;
  return { ok: false, text: `${beyond}: review the change` };
}

/** The columns of a query's table of changed fields, as every rendering shows them. */
export const FIELD_COLUMNS = [
  "field",
  "changed",
  "largest abs",
  "largest rel",
  "moved",
  "tolerance",
  "within tolerance",
];

/**
 * One row of that table as plain text, the field name first, for a rendering to mark up; the
 * verdict cell starts with the rendering's own mark, and `ok` says which one it got.
 */
export function fieldRow(change: FieldChange, marks: { ok: string; review: string }): { cells: string[]; ok: boolean } {
  const verdict = formatVerdict(change);
  const other = formatOther(change);
  const cells = [
    change.field,
    other ? `${change.points} (${other})` : String(change.points),
    change.largestAbsolute === undefined ? "—" : formatNumber(change.largestAbsolute),
    formatPercent(change.largestRelative),
    formatWhen(change),
    formatTolerance(change.tolerance),
    `${verdict.ok ? marks.ok : marks.review} ${verdict.text}`,
  ];
  return { cells, ok: verdict.ok };
}

export function formatWhen(change: Pick<FieldChange, "firstTs" | "lastTs">): string {
  if (change.firstTs === undefined) return "—";
  return change.firstTs === change.lastTs ? change.firstTs : `${change.firstTs} … ${change.lastTs}`;
}

/** `2 null → number, 1 added`: the changes that have no size. */
export function formatOther(change: FieldChange): string {
  return Object.entries(change.other)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
}

export function formatError(e: GraphqlError | undefined): string {
  if (!e) return "(none)";
  return [
    e.code ?? "(no code)",
    e.message !== undefined ? JSON.stringify(e.message) : undefined,
    e.path ? `at ${e.path}` : undefined,
  ]
    .filter(Boolean)
    .join(" ");
}

/** What changed in one error, for a table row: only the parts that differ. */
export function describeErrorChange(c: ErrorChange): string[] {
  if (!c.before) return [`new error ${formatError(c.after)}`];
  if (!c.after) return [`error gone: ${formatError(c.before)}`];
  const lines = [];
  if (c.before.code !== c.after.code) lines.push(`code ${c.before.code ?? "(none)"} → ${c.after.code ?? "(none)"}`);
  if (c.before.message !== c.after.message)
    lines.push(`message ${JSON.stringify(c.before.message ?? "")} → ${JSON.stringify(c.after.message ?? "")}`);
  if (c.before.path !== c.after.path) lines.push(`path ${c.before.path ?? "(none)"} → ${c.after.path ?? "(none)"}`);
  return lines;
}

/** The first and last ts(N) that moved in a whole query. */
export function queryWhen(change: QueryChange): string {
  const times = change.fields.flatMap((f) => (f.firstTs !== undefined ? [f.firstTs, f.lastTs!] : []));
  if (times.length === 0) return "";
  const sorted = [...times].sort(tsOrder);
  return formatWhen({ firstTs: sorted[0], lastTs: sorted.at(-1) });
}

/** One line on a query's change, for headings and the update-goldens summary. */
export function queryHeadline(change: QueryChange): string {
  if (change.unparsed) return `not comparable: the ${change.unparsed.join(" and ")} body is not JSON`;
  const parts = [];
  const values = change.fields.reduce((n, f) => n + f.points, 0);
  if (values > 0) {
    const outside = change.fields.reduce((n, f) => n + f.outside, 0);
    parts.push(
      `${values} value${values === 1 ? "" : "s"} in ${change.fields.length} field${change.fields.length === 1 ? "" : "s"}`,
    );
    parts.push(outside === 0 ? "all within tolerance" : `${outside} outside tolerance`);
    const when = queryWhen(change);
    if (when) parts.push(when);
  }
  if (change.errors.length > 0)
    parts.push(`${change.errors.length} error${change.errors.length === 1 ? "" : "s"} changed`);
  if (parts.length === 0) return "layout only: the same JSON, laid out differently";
  return parts.join("; ");
}

export const SUMMARY_ROWS: (keyof Counts)[] = ["added", "removed", "changed", "unchanged"];

/** The summary as rows of cells: [what, cases, queries]. */
export function summaryRows(report: Report): string[][] {
  return SUMMARY_ROWS.map((row) => [row, String(report.summary.cases[row]), String(report.summary.queries[row])]);
}

/** The legend: how the report judges "within tolerance", so a reader knows what a "yes" is worth. */
export function toleranceLegend(readsCaseModules: boolean): string {
  const defaults = Object.entries(DEFAULT_TOLERANCES)
    .map(([field, t]) => `${field} ${describe(t)}`)
    .join(", ");
  return (
    `Within tolerance: |new − old| ≤ max(abs, rel × |old|), with the project defaults by field name (${defaults}; ` +
    "every other field exact)" +
    (readsCaseModules
      ? ", and a query's own `tolerance` where its case module in the working tree declares it as a literal object (read as text, never run; a query whose tolerance is not a literal is named, and judged by the defaults)."
      : "; a query's own `tolerance` in its case module is not read.") +
    " A change within tolerance is one `npm test` would have accepted against the old golden, and `npm run update-goldens` does not write: it was made by hand or under another tolerance."
  );
}
/** A tolerance as the report prints it: numbers short, a relative one as a percentage. */
const describe = (t: Tolerance) => describeTolerance(t, { abs: formatNumber, rel: formatRelative });

/** A relative tolerance: 1% as a percentage, 1e-9 as it is written in DEFAULT_TOLERANCES. */
const formatRelative = (r: number) => (r >= 1e-4 ? formatPercent(r) : String(r));

/** Which side a problem is on, as the reader knows them. */
export const sideName = (p: Problem) => (p.side === "before" ? "base" : "working tree");

/** What a problem means for the report. */
export const problemWhat = (p: Problem) =>
  p.query ? "could not be compared" : "could not be read; its queries are left out of the counts";

/** What a rendering says about where the two sides come from, besides the comparison itself. */
export interface ReportHeader {
  /** `\`3f2a1c0\`, the merge base of HEAD and origin/main`. */
  before: string;
  /** `the working tree`. */
  after: string;
  /** Whether queries' own tolerances were read from the case modules (see toleranceLegend). */
  readsCaseModules: boolean;
  /** Case modules (or `file: query`) whose tolerance is not a literal: judged by the defaults. */
  toleranceNotRead: string[];
  /** The coverage of the metrics surface, for its section; no section without it. */
  coverage?: CoverageInput;
}

/** A case or a query that was added or removed. */
export interface AddedOrRemoved {
  status: "added" | "removed";
  case: string;
  /** The query, when the case itself was there on both sides. */
  query?: string;
  /** A whole case's queries. */
  queries?: string[];
}

export function addedAndRemoved(report: Report): AddedOrRemoved[] {
  const items: AddedOrRemoved[] = [];
  for (const c of report.cases) {
    if (c.status === "added" || c.status === "removed") {
      items.push({ status: c.status, case: c.name, queries: c.queries.map((q) => q.name) });
    } else {
      for (const q of c.queries)
        if (q.status === "added" || q.status === "removed")
          items.push({ status: q.status, case: c.name, query: q.name });
    }
  }
  return items;
}

/** The queries whose golden changed, in report order. */
export function changedQueries(report: Report): { case: string; file: string; query: string; change: QueryChange }[] {
  return report.cases.flatMap((c) =>
    c.queries.flatMap((q) =>
      q.status === "changed" && q.change ? [{ case: c.name, file: c.file, query: q.name, change: q.change }] : [],
    ),
  );
}
