import { ACCEPTED_GAPS_FILE } from "../coverage/accepted-gaps";
import { CONDITION_NAMES, CONDITIONS } from "../coverage/conditions";
import { casesFingerprint, readCoverageRecord, type CoverageRecord } from "../coverage/coverage-file";
import {
  argumentsNotGiven,
  countCell,
  coverageHeadline,
  MATRIX_COLUMNS,
  MATRIX_LEGEND,
  matrixRows,
  unexercised,
} from "../coverage/table";

/** The coverage the report shows: the last full run's record, and whether cases/ is as it was then. */
export interface CoverageInput {
  record?: CoverageRecord;
  current: boolean;
}

export function coverageInput(root: string): CoverageInput {
  const record = readCoverageRecord(root);
  return { ...(record ? { record } : {}), current: record?.casesFingerprint === casesFingerprint(root) };
}

/**
 * The coverage section's words and tables, for Markdown and HTML alike; text with `code` spans,
 * as the rest of the report's sentences.
 */
export interface CoverageSection {
  intro: string;
  /** Said loudly: the record is missing, or older than the case modules. */
  warning?: string;
  matrix?: { header: string[]; rows: string[][] };
  notes: string[];
  /** Each condition, what it means, and the case modules that exercise it on some field. */
  legend: Array<{ condition: string; text: string; cases: string[] }>;
  /** Each schema field and the case modules that query it. */
  fieldCases: Array<[coordinate: string, cases: string]>;
}

export const COVERAGE_TITLE = "Coverage of the metrics surface";

export function coverageSection({ record, current }: CoverageInput): CoverageSection {
  if (!record) {
    return {
      intro: "No coverage yet: a run of every case module (`npm test`) writes it to `__golden__/.coverage.json`.",
      notes: [],
      legend: [],
      fieldCases: [],
    };
  }
  const { model } = record;
  const section: CoverageSection = {
    intro: `From the run of every case module at ${record.madeAt.replace(/\.\d+Z$/, "Z")}, against ${record.target}: ${coverageHeadline(model)}. ${MATRIX_LEGEND}`,
    matrix: {
      header: ["field", ...MATRIX_COLUMNS],
      rows: matrixRows(model).map((r) => [r.coordinate, ...r.counts.map(countCell)]),
    },
    notes: [],
    legend: CONDITION_NAMES.map((c) => ({
      condition: c,
      text: CONDITIONS[c].text,
      cases: [...new Set(model.metricFields.flatMap((f) => f.conditions[c] ?? []))].sort(),
    })),
    fieldCases: model.fields.map((f) => [f.coordinate, f.cases.join(", ") || "none"]),
  };
  if (!current)
    section.warning =
      "The files in `cases/` changed since that run: `npm test` shows the coverage of the working tree.";
  const code = (items: string[]) => items.map((i) => `\`${i}\``).join(", ");
  const none = unexercised(model);
  if (none.length > 0) section.notes.push(`Conditions no case exercises: ${code(none)}.`);
  const { uncovered, accepted, stale } = model.gaps;
  section.notes.push(
    uncovered.length > 0
      ? `Fields no case queries (\`CI=true\` fails on them): ${code(uncovered)}.`
      : "Every field of the schema is queried by a case, or accepted as a gap.",
  );
  for (const gap of accepted)
    section.notes.push(`Accepted gap (\`cases/${ACCEPTED_GAPS_FILE}:${gap.line}\`): \`${gap.field}\`: ${gap.reason}`);
  for (const gap of stale)
    section.notes.push(`\`cases/${ACCEPTED_GAPS_FILE}:${gap.line}\` accepts nothing: \`${gap.field}\` is ${gap.why}.`);
  const notGiven = argumentsNotGiven(model);
  if (notGiven.length > 0) section.notes.push(`Arguments no case gives: ${code(notGiven)}.`);
  return section;
}
