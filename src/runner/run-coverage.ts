import { buildClientSchema, type IntrospectionQuery } from "graphql";
import { caseFilesIn, caseNameOf, fromRoot } from "../golden/layout";
import type { TargetContext } from "../run/context";
import { caseModulesWithoutRecord, type CaseRecord } from "./run-record";
import { TARGET_ENV } from "./target";
import { readAcceptedGaps } from "../coverage/accepted-gaps";
import { buildCoverage } from "../coverage/coverage";
import { casesFingerprint, writeCoverageRecord } from "../coverage/coverage-file";
import { introspectTarget } from "./introspect-target";
import { formatCoverage, uncoveredMessage } from "../coverage/table";

/** The target's schema as a run saw it (plain data: a shard keeps it in its record for the merge). */
export interface TargetSchema {
  /** `the reference API`, or `GOLDEN_TARGET=<module>`. */
  target: string;
  introspection?: IntrospectionQuery;
  /** Why there is none: the target did not answer introspection. */
  error?: string;
}

export interface RunCoverage {
  /** What to print after jest's summary. */
  text: string;
  /** Why a CI run fails for its coverage, if it does. */
  failure?: string;
}

/** The target's schema, by introspection, once per run in jest's main process; a refusal is kept, not thrown. */
export async function targetSchema(target: TargetContext): Promise<TargetSchema> {
  const described = process.env[TARGET_ENV] ? `${TARGET_ENV}=${process.env[TARGET_ENV]}` : "the reference API";
  try {
    return { target: described, introspection: await introspectTarget(target) };
  } catch (err) {
    return { target: described, error: (err as Error).message };
  }
}

/**
 * The coverage of the metrics surface over a whole run's records: an unsharded run's teardown, or
 * `npm run merge-shards` over every shard's. Only a run of every case module and every query
 * shows it (a partial run says so in one line, and never fails for coverage), and only such a run
 * writes the record the golden report reads. With `ci`, a schema field that no case queries and no
 * line of cases/accepted-gaps.txt accepts fails the run, as does a target that did not answer
 * introspection; otherwise they are warnings.
 */
export function concludeCoverage(
  root: string,
  records: CaseRecord[],
  schema: TargetSchema | undefined,
  ci: boolean,
): RunCoverage {
  const partial = whyPartial(root, records);
  if (partial) {
    return {
      text: `coverage of the metrics surface: not shown, as ${partial}; a run of every case module shows it (npm test, or npm test -- cases).`,
    };
  }
  const accepted = readAcceptedGaps(root);
  if (!schema?.introspection) {
    const why = schema?.error ?? "no record of this run holds the target's schema";
    const message = `coverage of the metrics surface: not shown: ${why}`;
    return ci ? { text: "", failure: message } : { text: `warning: ${message}` };
  }
  const cases = records
    .map((r) => ({ name: caseNameOf(r.caseFile), facts: r.facts! }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const model = buildCoverage(buildClientSchema(schema.introspection), cases, accepted);
  writeCoverageRecord(root, {
    madeAt: new Date().toISOString(),
    target: schema.target,
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
  const missing = caseModulesWithoutRecord(root, records);
  if (missing.length > 0) {
    const all = caseFilesIn(root).length;
    return `this run ran ${all - missing.length} of ${all} case modules`;
  }
  const names = (rs: CaseRecord[]) => rs.map((r) => fromRoot(root, r.caseFile)).join(", ");
  const unbuilt = records.filter((r) => !r.facts);
  if (unbuilt.length > 0) return `the data of ${names(unbuilt)} was not built`;
  const filtered = records.filter((r) => Object.keys(r.facts!.queries).some((q) => !(q in r.queries)));
  if (filtered.length > 0) return `a -t filter left out queries of ${names(filtered)}`;
  return undefined;
}
