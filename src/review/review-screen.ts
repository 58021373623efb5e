import type { OracleVerdict } from "../golden/candidate-file";
import { differenceLines } from "../golden/failure-message";
import { formatGolden } from "../golden/golden-body";
import { parseGoldenBody } from "../golden/golden-file";
import { fromRoot } from "../golden/layout";
import { differences } from "../golden/tolerance";
import { compareEntry, type QueryChange } from "../report/compare";
import { describeErrorChange, FIELD_COLUMNS, fieldRow, queryHeadline } from "../report/format";
import type { ReviewItem } from "./candidates";
import { CHART_LEGEND, terminalChart } from "./terminal-chart";

/** What the run said of the answer before it was kept: an oracle that failed keeps no candidate. */
const ORACLE_VERDICT: Record<OracleVerdict, string> = {
  passed: "passed (the query's check ran on this answer)",
  none: "none (the query has no check: this review is all that stands before the golden)",
};

/** Values listed one by one, at most; the table above counts them all. */
const MAX_VALUES = 8;

/** The change a candidate makes to its golden, as the golden report judges it; undefined for a new golden. */
export function changeOf(item: ReviewItem): QueryChange | undefined {
  if (item.golden === undefined) return undefined;
  return compareEntry(item.golden, item.candidate.body, item.candidate.note.tolerance ?? {});
}

/** One line on a candidate, for --list and for what a command did. */
export function candidateLine(item: ReviewItem): string {
  const change = changeOf(item);
  const what = change ? queryHeadline(change) : "new golden";
  return `${item.id}: ${item.stale ? `stale: ${item.stale}` : `${what}; oracle ${item.candidate.note.oracle}`}`;
}

/**
 * Everything a reviewer needs to judge one candidate, as lines of at most about `width` columns:
 * where it is, the oracle's verdict, the changed fields as the golden report tabulates them, each
 * changed value (golden, candidate, difference, tolerance, `ts(N)`), a chart per changed time
 * series. A new golden shows its body as it would be written.
 */
export async function reviewScreen(item: ReviewItem, root: string, width: number): Promise<string[]> {
  const out = [
    `${item.caseModule} › ${item.query}`,
    `golden:    ${fromRoot(root, item.goldenFile)}${item.golden === undefined ? " (no entry for this query yet)" : ""}`,
    `candidate: ${item.source}`,
    `oracle:    ${ORACLE_VERDICT[item.candidate.note.oracle]}`,
  ];
  if (item.stale) out.push(`stale:     ${item.stale}: it cannot be accepted`);
  out.push("");
  const change = changeOf(item);
  if (!change) {
    out.push("new golden, as it would be written:");
    out.push(...(await formatGolden(item.answer)).split("\n").map((line) => `  ${line}`));
    return out;
  }
  out.push(queryHeadline(change), "");
  if (change.fields.length > 0) {
    const rows = change.fields.map((f) => fieldRow(f, { ok: "✓", review: "≠" }).cells);
    out.push(...fieldTable(rows, width), "");
  }
  for (const e of change.errors) out.push(`errors[${e.index}]: ${describeErrorChange(e).join("; ")}`);
  if (change.errors.length > 0) out.push("");
  const golden = parseGoldenBody(item.golden!);
  if (golden.ok && change.fields.length > 0) {
    const found = differences(item.answer, golden.value, item.candidate.note.tolerance);
    out.push(...differenceLines(found, item.answer, golden.value, { actualName: "candidate", max: MAX_VALUES }), "");
  }
  for (const s of change.series) out.push(...terminalChart(s, width), "");
  if (change.series.length > 0) out.push(CHART_LEGEND);
  return out;
}

/** Columns aligned right: the counts and sizes. */
const RIGHT = FIELD_COLUMNS.map((_, i) => i >= 1 && i <= 3);
const GAP = "  ";

/**
 * The report's table of changed fields, for a terminal: columns padded, no Markdown. When it is
 * wider than the terminal, each field's path goes on a line of its own above its row.
 */
function fieldTable(rows: string[][], width: number): string[] {
  const table = (header: string[], body: string[][], right: boolean[]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => [...r[i]!].length)));
    const line = (r: string[]) =>
      r
        .map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join(GAP)
        .trimEnd();
    return {
      width: widths.reduce((a, b) => a + b + GAP.length, -GAP.length),
      header: line(header),
      rule: widths.map((w) => "─".repeat(w)).join(GAP),
      rows: body.map(line),
    };
  };
  const whole = table(FIELD_COLUMNS, rows, RIGHT);
  if (whole.width <= width) return [whole.header, whole.rule, ...whole.rows];
  const narrow = table(
    FIELD_COLUMNS.slice(1),
    rows.map((r) => r.slice(1)),
    RIGHT.slice(1),
  );
  const under = (line: string) => GAP + line;
  return [
    FIELD_COLUMNS[0]!,
    under(narrow.header),
    under(narrow.rule),
    ...narrow.rows.flatMap((row, i) => [rows[i]![0]!, under(row)]),
  ];
}
