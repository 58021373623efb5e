// The golden report: old goldens against new, as Markdown, Mermaid and self-contained HTML.
export { compareGoldens, type GoldenTexts, type Report } from "./compare";
export { goldensAtCommit, goldensInWorkingTree, resolveBase } from "./git-goldens";
export { renderMarkdown, summaryTable } from "./markdown";
export { renderHtml } from "./html";
export { buildReport } from "./report";
export { summaryTableFor } from "./update-summary";
