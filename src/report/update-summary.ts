import { compareGoldens, type GoldenTexts, type ToleranceLookup } from "./compare";
import { changedQueries, queryHeadline } from "./format";
import { summaryTable } from "./markdown";

/**
 * What a run of update-goldens changed, for the end of its output: the report's summary table,
 * a line per changed query, and the command that shows the rest. `before` and `after` are the
 * golden files' texts (goldensInWorkingTree before and after the run, or goldensAtCommit(root,
 * "HEAD") for before). With `root`, "within tolerance" also reads the case modules' own
 * tolerances (see case-tolerance.ts); without, the project defaults alone.
 */
export function summaryTableFor(before: GoldenTexts, after: GoldenTexts, options: { root?: string } = {}): string {
  const report = compareGoldens(before, after, options.root ? { tolerances: readWhenAsked(options.root) } : {});
  const lines = ["goldens changed by this run:", summaryTable(report)];
  for (const q of changedQueries(report)) lines.push(`  changed ${q.case} › ${q.query}: ${queryHeadline(q.change)}`);
  for (const p of report.problems)
    lines.push(`  could not read ${p.file}${p.query ? ` entry ${p.query}` : ""}: ${p.message}`);
  const { added, removed, changed } = report.summary.queries;
  if (added + removed + changed > 0)
    lines.push(
      "review: git status __golden__/ and git diff __golden__/ (a new golden is a new file: read it)   or   npm run golden-report   (numbers, tolerance and charts per change)",
    );
  return lines.join("\n");
}

/**
 * The case modules' own tolerances, read only when a changed entry asks for them: reading them
 * parses every case module (case-tolerance.ts), and most update runs change no golden.
 */
function readWhenAsked(root: string): ToleranceLookup {
  let lookup: ToleranceLookup | undefined;
  return (caseName, query) => {
    const { caseTolerancesInWorkingTree } = require("./case-tolerance") as typeof import("./case-tolerance");
    lookup ??= caseTolerancesInWorkingTree(root).lookup;
    return lookup(caseName, query);
  };
}
