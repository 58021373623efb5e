import { CHART_COLORS, CHART_LIMITS } from "./chart-data";
import type { Problem, QueryChange, Report } from "./compare";
import {
  addedAndRemoved,
  problemWhat,
  sideName,
  changedQueries,
  FIELD_COLUMNS,
  fieldRow,
  describeErrorChange,
  queryHeadline,
  type ReportHeader,
  summaryRows,
  toleranceLegend,
} from "./format";
import { COVERAGE_TITLE, coverageSection, type CoverageSection } from "./coverage-section";
import { mermaidChart } from "./mermaid";

/** A table cell: pipes escaped, line breaks as <br>, so any text stays in its cell. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
/** A code span; text holding a backtick is fenced with two. */
const code = (text: string) => (text.includes("`") ? "`` " + text + " ``" : "`" + text + "`");

/** Rows of cells as a GitHub table, padded so that it also reads in a terminal. */
export function markdownTable(header: string[], rows: string[][], align: ("left" | "right")[] = []): string {
  const all = [header, ...rows].map((r) => r.map(cell));
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (align[i] === "right" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join("\n");
}

/** The summary table alone: cases and queries added, removed, changed, unchanged. */
export function summaryTable(report: Report): string {
  return markdownTable(["goldens", "cases", "queries"], summaryRows(report), ["left", "right", "right"]);
}

export function problemLine(p: Problem): string {
  const where = p.query ? `${code(p.file)} entry ${code(p.query)}` : code(p.file);
  return `${where} (${sideName(p)}) ${problemWhat(p)}: ${p.message}`;
}

/** The whole report as GitHub-flavoured Markdown: for stdout, a job summary or a PR comment. */
export function renderMarkdown(report: Report, header: ReportHeader): string {
  const out: string[] = [
    "## Golden report",
    "",
    `Comparing the goldens at ${header.before} with ${header.after}.`,
    "",
    summaryTable(report),
    "",
  ];

  if (report.problems.length > 0) {
    out.push("> [!WARNING]");
    for (const p of report.problems) out.push(`> ${problemLine(p).replace(/\n/g, " ")}`, ">");
    out.pop();
    out.push("");
  }

  const moved = addedAndRemoved(report);
  if (moved.length > 0) {
    out.push("### Added and removed", "");
    for (const m of moved) {
      out.push(
        m.query !== undefined
          ? `- ${m.status} query ${code(m.case)} › ${code(m.query)}`
          : `- ${m.status} case ${code(m.case)}: ${m.queries!.map(code).join(", ")}`,
      );
    }
    out.push("");
  }

  const changed = changedQueries(report);
  if (changed.length === 0 && moved.length === 0 && report.problems.length === 0) out.push("No golden changed.", "");
  let charts = 0;
  let notDrawn = 0;
  for (const q of changed) {
    out.push(`### ${code(q.case)} › ${code(q.query)}`, "", `${queryHeadline(q.change)} (${code(q.file)})`, "");
    out.push(...changeTables(q.change));
    for (const s of q.change.series) {
      if (charts >= CHART_LIMITS.markdownCharts) {
        notDrawn++;
        continue;
      }
      const chart = mermaidChart(s);
      const title = `${code(s.path)} · ${code(s.field)}${s.context ? ` (${s.context})` : ""}`;
      if (!chart) {
        out.push(`${title}: no chart, fewer than two timestamps with a number on both sides.`, "");
        continue;
      }
      charts++;
      out.push(
        `${title}: before in grey, after in red.${chart.note ? ` ${chart.note[0]!.toUpperCase()}${chart.note.slice(1)}.` : ""}`,
        "",
        chart.block,
        "",
      );
    }
  }
  if (notDrawn > 0) {
    out.push(
      `${notDrawn} more changed series not drawn (${CHART_LIMITS.markdownCharts} charts at most); \`npm run golden-report -- --html report.html\` draws them all.`,
      "",
    );
  }

  if (header.toleranceNotRead.length > 0) {
    out.push(
      `Judged by the default tolerances only (their \`tolerance\` could not be read as a literal object): ${header.toleranceNotRead.map(code).join(", ")}.`,
      "",
    );
  }
  // What the goldens cover comes after what changed in them, before the footnote: a reviewer reads the change first.
  if (header.coverage) out.push(...coverageMarkdown(coverageSection(header.coverage)));
  out.push(
    `<sub>${toleranceLegend(header.readsCaseModules)} Charts: before ${CHART_COLORS.before} grey, after ${CHART_COLORS.after} red.</sub>`,
    "",
  );
  return out.join("\n");
}

/** The tables of one changed query: values by field, then errors. */
function changeTables(change: QueryChange): string[] {
  const out: string[] = [];
  if (change.fields.length > 0) {
    const rows = change.fields.map((f) => {
      const [field, ...rest] = fieldRow(f, { ok: "✅", review: "🔎" }).cells;
      return [code(field!), ...rest];
    });
    out.push(markdownTable(FIELD_COLUMNS, rows, ["left", "right", "right", "right"]), "");
  }
  if (change.errors.length > 0) {
    const rows = change.errors.map((e) => [code(`errors[${e.index}]`), describeErrorChange(e).join("\n")]);
    out.push(markdownTable(["error", "change"], rows), "");
  }
  return out;
}

/** The coverage section: the conditions table, then what is not covered, then details folded away. */
function coverageMarkdown(section: CoverageSection): string[] {
  const out = [`### ${COVERAGE_TITLE}`, "", section.intro, ""];
  if (section.warning) out.push("> [!WARNING]", `> ${section.warning}`, "");
  if (section.matrix) {
    const rows = section.matrix.rows.map(([field, ...counts]) => [code(field!), ...counts]);
    out.push(
      markdownTable(section.matrix.header, rows, [
        "left",
        ...section.matrix.header.slice(1).map(() => "right" as const),
      ]),
      "",
    );
  }
  for (const note of section.notes) out.push(`- ${note}`);
  if (section.notes.length > 0) out.push("");
  if (section.legend.length > 0) {
    out.push("<details><summary>What each condition means, and the case modules that exercise it</summary>", "");
    for (const l of section.legend)
      out.push(
        `- ${code(l.condition)}: ${l.text}. ${l.cases.length > 0 ? `Cases: ${l.cases.join(", ")}.` : "No case."}`,
      );
    out.push("", "</details>", "");
  }
  if (section.fieldCases.length > 0) {
    out.push("<details><summary>The case modules that query each field</summary>", "");
    out.push(
      markdownTable(
        ["field", "case modules"],
        section.fieldCases.map(([field, cases]) => [code(field), cases]),
      ),
    );
    out.push("", "</details>", "");
  }
  return out;
}
