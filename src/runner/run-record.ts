import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CaseFacts } from "../coverage/facts";
import type { GoldenRecord } from "../golden/golden-state";
import { caseFilesIn } from "../golden/layout";

/**
 * What one case module did to its golden file in this run. Each test file writes one record
 * into the run's directory (test files may run in other processes); global teardown reads them
 * all for the summary.
 */
export interface CaseRecord extends GoldenRecord {
  caseFile: string;
  /** The case's `name`: jest's test names, and so the -t filter, start with it. */
  caseName: string;
  /** Its data and queries, for the coverage of the metrics surface; absent when data() failed. */
  facts?: CaseFacts;
}

export function writeCaseRecord(runDir: string, record: CaseRecord): void {
  mkdirSync(runDir, { recursive: true });
  const name = Buffer.from(record.caseFile).toString("base64url");
  writeFileSync(join(runDir, `${name}.json`), JSON.stringify(record));
}

export function readCaseRecords(runDir: string): CaseRecord[] {
  let files: string[];
  try {
    files = readdirSync(runDir);
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(runDir, f), "utf8")) as CaseRecord);
}

/**
 * The project's case modules that left no record (absolute paths): left out of the run by a
 * pattern or a shard, or failed before their queries ran (a module that does not load).
 */
export function caseModulesWithoutRecord(root: string, records: readonly CaseRecord[]): string[] {
  const ran = new Set(records.map((r) => r.caseFile));
  return caseFilesIn(root).filter((file) => !ran.has(file));
}
