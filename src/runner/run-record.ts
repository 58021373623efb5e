import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GoldenStatus } from "../golden/check";

/**
 * What one case module did to its golden file in this run. Workers write one record per case
 * module into the run's directory; global teardown reads them all for the summary.
 */
export interface CaseRecord {
  caseFile: string;
  goldenFile: string;
  /** Query name to what happened to its golden. Queries that did not run (a -t filter) are absent. */
  queries: Record<string, GoldenStatus>;
  /** Entries no query of the module produces: reported, or removed in update mode. */
  obsolete: string[];
  removed: string[];
}

export const RUN_DIR_ENV = "GOLDEN_RUN_DIR";

export function writeCaseRecord(record: CaseRecord, env: NodeJS.ProcessEnv = process.env): void {
  const dir = env[RUN_DIR_ENV];
  if (!dir) return; // a case run outside this project's jest config: nothing to summarize
  mkdirSync(dir, { recursive: true });
  const name = Buffer.from(record.caseFile).toString("base64url");
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(record));
}

export function readCaseRecords(dir: string): CaseRecord[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files.filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as CaseRecord);
}
