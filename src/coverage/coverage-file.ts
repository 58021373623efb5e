import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../golden/atomic-write";
import { casesDirOf, goldenDirOf } from "../golden/layout";
import type { CoverageModel } from "./coverage";

/**
 * The coverage of the last run of every case module, for the golden report, which reads files
 * and never runs a case: `__golden__/.coverage.json`, ignored by git (a run makes it anew).
 */
export interface CoverageRecord {
  /** When the run made it (ISO). */
  madeAt: string;
  /** `the reference API`, or `GOLDEN_TARGET=<module>`. */
  target: string;
  /** Of the files in cases/ when the run made it: the report says when they changed since. */
  casesFingerprint: string;
  model: CoverageModel;
}

export const coveragePathOf = (root: string) => join(goldenDirOf(root), ".coverage.json");

export function writeCoverageRecord(root: string, record: CoverageRecord): void {
  writeFileAtomic(coveragePathOf(root), `${JSON.stringify(record, null, 2)}\n`);
}

/** The last full run's coverage; undefined when no run made one (or it is not a coverage record). */
export function readCoverageRecord(root: string): CoverageRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(coveragePathOf(root), "utf8")) as CoverageRecord;
    return typeof record.casesFingerprint === "string" && record.model?.metricFields ? record : undefined;
  } catch {
    return undefined;
  }
}

/** A hash of the names and contents of the files in cases/ (case modules, their helpers, accepted gaps). */
export function casesFingerprint(root: string): string {
  const dir = casesDirOf(root);
  const hash = createHash("sha256");
  if (!existsSync(dir)) return hash.digest("hex");
  for (const file of readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(dir, file)))
      .update("\0");
  }
  return hash.digest("hex");
}
