import { ACCEPTED_GAPS_FILE } from "./accepted-gaps";
import { CONDITION_NAMES, CONDITIONS, type Condition } from "./conditions";
import type { CoverageModel } from "./coverage";

/** One row of the conditions table: a field of a root query's result, case modules per column. */
export interface MatrixRow {
  type: string;
  field: string;
  coordinate: string;
  /**
   * Case modules that query the field, then those that exercise each condition, in
   * CONDITION_NAMES order; null where the condition cannot matter to the field.
   */
  counts: Array<number | null>;
}

/** The table's columns after the field: the cases that query it, then one per condition. */
export const MATRIX_COLUMNS: readonly string[] = ["cases", ...CONDITION_NAMES];

/** A count as every rendering shows it: `-` for none, nothing where the condition cannot matter. */
export const countCell = (n: number | null) => (n === null ? "" : n === 0 ? "-" : String(n));

export const MATRIX_LEGEND =
  "A number is how many case modules query the field, or exercise the condition on it; `-`: none; blank: the condition cannot matter to the field.";

/** The rows every rendering shows (terminal, Markdown, HTML), so that they agree. */
export function matrixRows(model: CoverageModel): MatrixRow[] {
  return model.metricFields.map((f) => {
    const [type, field] = f.coordinate.split(".") as [string, string];
    return {
      type,
      field,
      coordinate: f.coordinate,
      counts: [f.cases.length, ...CONDITION_NAMES.map((c) => f.conditions[c]?.length ?? null)],
    };
  });
}

/** `44 of 44 schema fields and 14 of 14 arguments are queried (14 case modules, 32 queries)`. */
export function coverageHeadline(model: CoverageModel): string {
  const share = (items: Array<{ cases: string[] }>) =>
    `${items.filter((i) => i.cases.length > 0).length} of ${items.length}`;
  return (
    `${share(model.fields)} schema fields and ${share(model.arguments)} arguments are queried ` +
    `(${count(model.caseModules, "case module")}, ${count(model.queries, "query", "queries")})`
  );
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Conditions no case exercises on any field. */
export function unexercised(model: CoverageModel): Condition[] {
  return CONDITION_NAMES.filter((c) => model.metricFields.every((f) => !f.conditions[c]?.length));
}

/** Arguments no case gives a value. */
export const argumentsNotGiven = (model: CoverageModel) =>
  model.arguments.filter((a) => a.cases.length === 0).map((a) => a.coordinate);

/** What to do about fields no case queries: the line CI=true fails with, and a warning says otherwise. */
export function uncoveredMessage(model: CoverageModel): string {
  const fields = model.gaps.uncovered;
  return (
    `${fields.length} schema field${fields.length === 1 ? "" : "s"} no case queries: ${fields.join(", ")}. ` +
    `Add a case that queries ${fields.length === 1 ? "it" : "each"}, or accept a known gap with a line ` +
    `\`${fields[0]}: <why no case queries it>\` in cases/${ACCEPTED_GAPS_FILE} (reviewed like code; README, Coverage).`
  );
}

/**
 * The coverage for the terminal, after jest's summary: the headline, the fields of the root
 * queries' results by type against the data conditions (how many case modules exercise each;
 * `-` none), a legend, and what is not covered. Fits 120 columns with the contract's names.
 */
export function formatCoverage(model: CoverageModel, width = 120): string {
  const rows = matrixRows(model);
  const labelWidth = Math.max(5, ...rows.map((r) => r.field.length + 2));
  const widths = MATRIX_COLUMNS.map((c) => Math.max(c.length, 3));
  const line = (label: string, cells: string[]) =>
    `${label.padEnd(labelWidth)} ${cells.map((c, i) => c.padStart(widths[i]!)).join(" ")}`.trimEnd();
  const out = [
    ...wrap(`coverage of the metrics surface: ${coverageHeadline(model)}`, width),
    ...wrap(MATRIX_LEGEND.replace(/`/g, ""), width, ""),
    line("field", [...MATRIX_COLUMNS]),
  ];
  let type: string | undefined;
  for (const row of rows) {
    if (row.type !== type) out.push((type = row.type));
    out.push(line(`  ${row.field}`, row.counts.map(countCell)));
  }
  const notes = [CONDITION_NAMES.map((c) => `${c}: ${CONDITIONS[c].short}`).join("; ")];
  const none = unexercised(model);
  if (none.length > 0) notes.push(`conditions no case exercises: ${none.join(", ")}`);
  const notGiven = argumentsNotGiven(model);
  if (notGiven.length > 0) notes.push(`arguments no case gives: ${notGiven.join(", ")}`);
  for (const gap of model.gaps.accepted)
    notes.push(`accepted gap (cases/${ACCEPTED_GAPS_FILE}:${gap.line}): ${gap.field}: ${gap.reason}`);
  for (const gap of model.gaps.stale)
    notes.push(`cases/${ACCEPTED_GAPS_FILE}:${gap.line}: ${gap.field} accepts nothing (${gap.why}); delete the line`);
  out.push(...wrap(notes.shift()!, width, ""));
  for (const note of notes) out.push(...wrap(note, width));
  return out.join("\n");
}

/** Words joined by spaces into lines of at most `width` characters; lines after the first are indented. */
export function wrap(text: string, width: number, indent = "  "): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(" ")) {
    if (current.trim() && current.length + 1 + word.length > width) {
      lines.push(current);
      current = indent + word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}
