import { CHART_LIMITS } from "./chart-data";
import type { QueryChange, Report } from "./compare";
import {
  addedAndRemoved,
  changedQueries,
  FIELD_COLUMNS,
  fieldRow,
  describeErrorChange,
  problemWhat,
  queryHeadline,
  type ReportHeader,
  sideName,
  summaryRows,
  toleranceLegend,
} from "./format";
import { COVERAGE_TITLE, coverageSection, type CoverageSection } from "./coverage-section";
import { seriesTitle } from "./time-series";
import { escapeXml as esc, svgChart } from "./svg";

/**
 * The report as one self-contained HTML file: styles inline, charts as inline SVG, no script, and
 * a Content-Security-Policy that forbids every fetch, so opening it never touches the network.
 */
export function renderHtml(report: Report, header: ReportHeader): string {
  const body: string[] = [];
  body.push(
    `<h1>Golden report</h1>`,
    `<p class="meta">Comparing the goldens at ${inline(header.before)} with ${inline(header.after)}.</p>`,
  );
  body.push(
    table(
      ["goldens", "cases", "queries"],
      summaryRows(report).map((r) => r.map(esc)),
      "summary",
      [false, true, true],
    ),
  );

  if (report.problems.length > 0) {
    // The message verbatim: it quotes the file, backticks and all.
    const items = report.problems.map(
      (p) =>
        `<li><code>${esc(p.file)}</code>${p.query ? ` entry <code>${esc(p.query)}</code>` : ""} (${sideName(p)}) ${problemWhat(p)}:<br><span class="message">${esc(p.message)}</span></li>`,
    );
    body.push(`<section class="problems"><h2>Could not be read</h2><ul>${items.join("")}</ul></section>`);
  }
  const moved = addedAndRemoved(report);
  if (moved.length > 0) {
    const items = moved.map((m) =>
      m.query !== undefined
        ? `<li class="${m.status}">${m.status} query <code>${esc(m.case)}</code> › <code>${esc(m.query)}</code></li>`
        : `<li class="${m.status}">${m.status} case <code>${esc(m.case)}</code>: ${m.queries!.map((q) => `<code>${esc(q)}</code>`).join(", ")}</li>`,
    );
    body.push(`<section class="moved"><h2>Added and removed</h2><ul>${items.join("")}</ul></section>`);
  }

  const changed = changedQueries(report);
  if (changed.length === 0 && moved.length === 0 && report.problems.length === 0)
    body.push(`<p>No golden changed.</p>`);
  let charts = 0;
  for (const q of changed) {
    const figures: string[] = [];
    for (const s of q.change.series) {
      if (charts++ >= CHART_LIMITS.htmlCharts) continue;
      const chart = svgChart(s);
      figures.push(
        `<figure class="chart" data-series="${esc(seriesTitle(s))}">${chart.svg}` +
          `<figcaption><code>${esc(s.path)}</code> · <code>${esc(s.field)}</code>${s.context ? ` (${esc(s.context)})` : ""}` +
          `${chart.note ? `<br><span class="note">${esc(chart.note)}</span>` : ""}</figcaption></figure>`,
      );
    }
    body.push(
      `<section class="query" id="${esc(`${q.case}--${q.query}`)}"><h2><code>${esc(q.case)}</code> › <code>${esc(q.query)}</code></h2>` +
        `<p class="headline">${esc(queryHeadline(q.change))} <span class="file">(${esc(q.file)})</span></p>` +
        changeTables(q.change) +
        (figures.length > 0 ? `<div class="charts">${figures.join("")}</div>` : "") +
        `</section>`,
    );
  }
  if (charts > CHART_LIMITS.htmlCharts)
    body.push(
      `<p>${charts - CHART_LIMITS.htmlCharts} more changed series not drawn (${CHART_LIMITS.htmlCharts} charts at most).</p>`,
    );
  if (header.toleranceNotRead.length > 0) {
    body.push(
      `<p>Judged by the default tolerances only (their <code>tolerance</code> could not be read as a literal object): ${header.toleranceNotRead.map((t) => `<code>${esc(t)}</code>`).join(", ")}.</p>`,
    );
  }
  // What the goldens cover comes after what changed in them: a reviewer reads the change first.
  if (header.coverage) body.push(coverageHtml(coverageSection(header.coverage)));
  body.push(`<footer>${inline(toleranceLegend(header.readsCaseModules))}</footer>`);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Golden report</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.join("\n")}
</main>
</body>
</html>
`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 0; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 6px; padding-top: 12px; border-top: 1px solid #d8dee4; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f4f6; padding: 1px 4px; border-radius: 4px; }
table { border-collapse: collapse; margin: 10px 0; }
th, td { border: 1px solid #d8dee4; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ok { color: #1a7f37; } td.review { color: #9a6700; font-weight: 600; }
.meta, .headline, .file, .note { color: #59636e; }
.problems { border-left: 4px solid #bf8700; background: #fff8c5; padding: 4px 14px; margin: 14px 0; }
.problems h2 { border: 0; margin-top: 4px; }
.problems .message { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; }
li.added::marker { color: #1a7f37; } li.removed::marker { color: #cf222e; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; border: 1px solid #d8dee4; border-radius: 6px; padding: 8px; background: #fff; flex: 1 1 440px; max-width: 576px; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart .tick { fill: #59636e; } figure.chart .legend { fill: #1f2328; }
figcaption { font-size: 12px; margin-top: 4px; max-width: 560px; }
.coverage .warning { border-left: 4px solid #bf8700; background: #fff8c5; padding: 4px 14px; }
table.conditions th, table.conditions td { padding: 3px 7px; white-space: nowrap; }
table.conditions tr.type th { background: #fff; border-left: 0; border-right: 0; padding-top: 10px; }
table.conditions td.none { color: #8c959f; }
details { margin: 8px 0; } summary { cursor: pointer; color: #59636e; }
footer { margin-top: 28px; color: #59636e; font-size: 12.5px; border-top: 1px solid #d8dee4; padding-top: 10px; }
`;

/** Markdown code spans (`x`) in report sentences as <code>, everything else escaped. */
const inline = (text: string) => esc(text).replace(/`([^`]+)`/g, "<code>$1</code>");

/** A table whose cells are HTML already. */
function table(
  header: string[],
  rows: string[][],
  className: string,
  numeric: boolean[] = [],
  cellClass: (row: number, col: number) => string = () => "",
): string {
  const th = header.map((h) => `<th>${esc(h)}</th>`).join("");
  const trs = rows.map(
    (r, i) =>
      `<tr>${r.map((c, j) => `<td class="${[numeric[j] ? "num" : "", cellClass(i, j)].filter(Boolean).join(" ")}">${c}</td>`).join("")}</tr>`,
  );
  return `<table class="${className}"><thead><tr>${th}</tr></thead><tbody>${trs.join("")}</tbody></table>`;
}

function changeTables(change: QueryChange): string {
  let html = "";
  if (change.fields.length > 0) {
    const fieldRows = change.fields.map((f) => fieldRow(f, { ok: "✓", review: "🔎" }));
    const rows = fieldRows.map(({ cells: [field, ...rest] }) => [`<code>${esc(field!)}</code>`, ...rest.map(esc)]);
    html += table(FIELD_COLUMNS, rows, "fields", [false, true, true, true], (row, col) =>
      col === FIELD_COLUMNS.length - 1 ? (fieldRows[row]!.ok ? "ok" : "review") : "",
    );
  }
  if (change.errors.length > 0) {
    const rows = change.errors.map((e) => [
      `<code>errors[${e.index}]</code>`,
      describeErrorChange(e).map(esc).join("<br>"),
    ]);
    html += table(["error", "change"], rows, "errors");
  }
  return html;
}

/** The coverage section: the conditions table, then what is not covered, then details folded away. */
function coverageHtml(section: CoverageSection): string {
  let html = `<section class="coverage"><h2>${COVERAGE_TITLE}</h2><p>${inline(section.intro)}</p>`;
  if (section.warning) html += `<p class="warning">${inline(section.warning)}</p>`;
  if (section.matrix) {
    // Grouped by type, as in the terminal, so that the field column stays narrow.
    const { header, rows } = section.matrix;
    const th = header.map((h) => `<th>${esc(h)}</th>`).join("");
    let type: string | undefined;
    const trs = rows.map(([coordinate, ...counts]) => {
      const [own, field] = coordinate!.split(".") as [string, string];
      const heading =
        own === type ? "" : `<tr class="type"><th colspan="${header.length}">${esc((type = own))}</th></tr>`;
      const cells = counts.map((c) => `<td class="num${c === "-" ? " none" : ""}">${esc(c)}</td>`).join("");
      return `${heading}<tr><td><code>${esc(field)}</code></td>${cells}</tr>`;
    });
    html += `<table class="conditions"><thead><tr>${th}</tr></thead><tbody>${trs.join("")}</tbody></table>`;
  }
  if (section.notes.length > 0) html += `<ul>${section.notes.map((n) => `<li>${inline(n)}</li>`).join("")}</ul>`;
  if (section.legend.length > 0) {
    const items = section.legend.map(
      (l) =>
        `<li><code>${esc(l.condition)}</code>: ${esc(l.text)}. ${l.cases.length > 0 ? `Cases: ${esc(l.cases.join(", "))}.` : "No case."}</li>`,
    );
    html += `<details><summary>What each condition means, and the case modules that exercise it</summary><ul>${items.join("")}</ul></details>`;
  }
  if (section.fieldCases.length > 0) {
    const rows = section.fieldCases.map(([field, cases]) => [`<code>${esc(field)}</code>`, esc(cases)]);
    html += `<details><summary>The case modules that query each field</summary>${table(["field", "case modules"], rows, "field-cases")}</details>`;
  }
  return `${html}</section>`;
}
