import { caseFilesIn, caseNameOf, fromRoot } from "../golden/layout";
import type { TargetContext } from "../run/context";
import type { CaseRecord } from "../runner/run-record";
import { TARGET_ENV } from "../runner/target";
import { readAcceptedGaps } from "./accepted-gaps";
import { buildCoverage } from "./coverage";
import { casesFingerprint, writeCoverageRecord } from "./coverage-file";
import { introspectTarget } from "./introspect";
import { formatCoverage, uncoveredMessage } from "./table";

export interface RunCoverage {
  /** What to print after jest's summary. */
  text: string;
  /** Why a CI run fails for its coverage, if it does. */
  failure?: string;
}

/**
 * The coverage of the metrics surface at the end of a run, in jest's main process: the target's
 * schema by introspection, joined with the case records' facts. Only a run of every case module
 * and every query shows it (a partial run says so in one line, and never fails for coverage), and
 * only such a run writes the record the golden report reads. With `ci`, a schema field that no
 * case queries and no line of cases/accepted-gaps.txt accepts fails the run; otherwise it warns.
 */
export async function runCoverage(
  root: string,
  records: CaseRecord[],
  target: TargetContext,
  ci: boolean,
): Promise<RunCoverage> {
  const partial = whyPartial(root, records);
  if (partial) {
    return {
      text: `coverage of the metrics surface: not shown, as ${partial}; a run of every case module shows it (npm test, or npm test -- cases).`,
    };
  }
  const accepted = readAcceptedGaps(root);
  const described = process.env[TARGET_ENV] ? `${TARGET_ENV}=${process.env[TARGET_ENV]}` : "the reference API";
  let schema;
  try {
    schema = await introspectTarget(target);
  } catch (err) {
    const message = `coverage of the metrics surface: not shown: ${(err as Error).message}`;
    return ci ? { text: "", failure: message } : { text: `warning: ${message}` };
  }
  const cases = records
    .map((r) => ({ name: caseNameOf(r.caseFile), facts: r.facts! }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const model = buildCoverage(schema, cases, accepted);
  writeCoverageRecord(root, {
    madeAt: new Date().toISOString(),
    target: described,
    casesFingerprint: casesFingerprint(root),
    model,
  });
  const text = formatCoverage(model);
  if (model.gaps.uncovered.length === 0) return { text };
  if (ci) return { text, failure: `CI=true: ${uncoveredMessage(model)}` };
  return { text: `${text}\nwarning: ${uncoveredMessage(model)} (CI=true fails on this.)` };
}

/** Why this run's records do not cover every case module and every query; undefined when they do. */
export function whyPartial(root: string, records: CaseRecord[]): string | undefined {
  const all = caseFilesIn(root);
  const ran = new Set(records.map((r) => r.caseFile));
  const missing = all.filter((f) => !ran.has(f));
  if (missing.length > 0) return `this run ran ${all.length - missing.length} of ${all.length} case modules`;
  const names = (rs: CaseRecord[]) => rs.map((r) => fromRoot(root, r.caseFile)).join(", ");
  const unbuilt = records.filter((r) => !r.facts);
  if (unbuilt.length > 0) return `the data of ${names(unbuilt)} was not built`;
  const filtered = records.filter((r) => Object.keys(r.facts!.queries).some((q) => !(q in r.queries)));
  if (filtered.length > 0) return `a -t filter left out queries of ${names(filtered)}`;
  return undefined;
}
