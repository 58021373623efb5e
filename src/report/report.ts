import { caseTolerancesInWorkingTree } from "./case-tolerance";
import { compareGoldens, type Report } from "./compare";
import { coverageInput } from "./coverage-section";
import { changedQueries, type ReportHeader } from "./format";
import { goldensAtCommit, goldensInWorkingTree, resolveBase } from "./git-goldens";

export interface ReportOptions {
  /** The project root: the folder holding __golden__/ and cases/. */
  root: string;
  /** A git ref; default: the merge base of HEAD with origin/main, or with main. */
  base?: string;
}

/** The goldens at the base commit against the working tree, with the words that say so. */
export function buildReport(options: ReportOptions): { report: Report; header: ReportHeader } {
  const base = resolveBase(options.root, options.base);
  const tolerances = caseTolerancesInWorkingTree(options.root);
  const report = compareGoldens(goldensAtCommit(options.root, base.commit), goldensInWorkingTree(options.root), {
    tolerances: tolerances.lookup,
  });
  // Only where it matters: a query whose tolerance was not read, and whose golden changed.
  const changed = new Set(changedQueries(report).map((q) => `${q.case}\0${q.query}`));
  const toleranceNotRead = tolerances.notLiteral
    .filter(
      (n) =>
        changed.has(`${n.case}\0${n.query}`) ||
        (n.query === "queries" && [...changed].some((c) => c.startsWith(`${n.case}\0`))),
    )
    .map((n) => `${n.file}: ${n.query}`);
  return {
    report,
    header: {
      before: base.description,
      after: "the working tree",
      readsCaseModules: true,
      toleranceNotRead,
      coverage: coverageInput(options.root),
    },
  };
}
