import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isCi, type UpdateMode } from "../golden/update-mode";
import { CASE_SUFFIX, caseFilesIn, casesDirOf, fromRoot, GOLDEN_SUFFIX, goldenDirOf } from "../golden/layout";
import { CaseDefinitionError } from "./case-definition";
import { caseModulesWithoutRecord, type CaseRecord } from "./run-record";
import { UserError } from "../user-error";

export interface GoldenSummary {
  written: number;
  unchanged: number;
  keptWithinTolerance: number;
  removed: number;
  failed: number;
  /** Entries (`file: key`) and whole files no case produces. */
  obsolete: string[];
  /** The case modules whose golden files hold obsolete entries (an update of these removes them). */
  obsoleteIn: string[];
  unreferencedFiles: string[];
  removedFiles: string[];
  /** Names more than one case module carries, with those modules. */
  sharedNames: Array<{ name: string; caseFiles: string[] }>;
}

/**
 * Sums up a run's case records, and deals with golden files no case module produces: reported,
 * or removed in update mode, but only when every case module ran (as `jest -u` treats files).
 */
export function summarizeGoldens(root: string, records: CaseRecord[], mode: UpdateMode): GoldenSummary {
  const summary: GoldenSummary = {
    written: 0,
    unchanged: 0,
    keptWithinTolerance: 0,
    removed: 0,
    failed: 0,
    obsolete: [],
    obsoleteIn: [],
    unreferencedFiles: [],
    removedFiles: [],
    sharedNames: [],
  };
  for (const record of records) {
    for (const status of Object.values(record.queries)) {
      if (status === "written" || status === "updated") summary.written++;
      else if (status === "unchanged") summary.unchanged++;
      else if (status === "kept-within-tolerance") summary.keptWithinTolerance++;
      else summary.failed++;
    }
    summary.removed += record.removed.length;
    summary.obsolete.push(...record.obsolete.map((key) => `${fromRoot(root, record.goldenFile)}: ${key}`));
    if (record.obsolete.length) summary.obsoleteIn.push(fromRoot(root, record.caseFile));
  }

  const byName = new Map<string, string[]>();
  for (const record of records)
    byName.set(record.caseName, [...(byName.get(record.caseName) ?? []), fromRoot(root, record.caseFile)]);
  summary.sharedNames = [...byName]
    .filter(([, files]) => files.length > 1)
    .map(([name, caseFiles]) => ({ name, caseFiles: caseFiles.sort() }));

  const goldenDir = goldenDirOf(root);
  const caseFiles = caseFilesIn(root);
  const goldenFiles = existsSync(goldenDir) ? readdirSync(goldenDir).filter((f) => f.endsWith(GOLDEN_SUFFIX)) : [];
  const unreferenced = goldenFiles.filter(
    (g) => !caseFiles.includes(join(casesDirOf(root), g.slice(0, -GOLDEN_SUFFIX.length) + CASE_SUFFIX)),
  );
  const everyCaseRan = caseModulesWithoutRecord(root, records).length === 0;
  for (const file of unreferenced) {
    const path = join(goldenDir, file);
    if (mode === "all" && everyCaseRan) {
      rmSync(path, { force: true });
      summary.removedFiles.push(fromRoot(root, path));
    } else {
      summary.unreferencedFiles.push(fromRoot(root, path));
    }
  }
  return summary;
}

export function formatSummary(summary: GoldenSummary, mode: UpdateMode): string {
  const lines = [
    `goldens: ${summary.written} written, ${summary.unchanged} unchanged, ${summary.keptWithinTolerance} kept within tolerance, ` +
      `${summary.removed + summary.removedFiles.length} removed, ${summary.failed} failed`,
  ];
  for (const file of summary.removedFiles) lines.push(`  removed ${file}: no case module produces it`);
  if (summary.obsolete.length || summary.unreferencedFiles.length) {
    lines.push("obsolete goldens (no query produces them; `npm run update-goldens` removes them):");
    for (const entry of summary.obsolete) lines.push(`  ${entry}`);
    for (const file of summary.unreferencedFiles) {
      lines.push(
        `  ${file} (whole file${mode === "all" ? "; kept: only a run of every case module removes files" : ""})`,
      );
    }
  }
  if (isCi()) lines.push("CI=true: goldens are checked, never written.");
  return lines.join("\n");
}

class ObsoleteGoldensError extends UserError {
  override name = "ObsoleteGoldensError";
}

/**
 * What a whole run's records come to: the summary to print, and the error that fails the run, if
 * any. One place for the verdict of an unsharded run's teardown and of the merge of a sharded
 * run's records (merge-shards.ts).
 */
export function concludeGoldens(
  root: string,
  records: CaseRecord[],
  mode: UpdateMode,
): { summary: GoldenSummary; text: string; error?: UserError } {
  const summary = summarizeGoldens(root, records, mode);
  const text = formatSummary(summary, mode);
  // Two cases of one name run under one jest test name and one -t filter: a copy-paste slip.
  if (summary.sharedNames.length) {
    const shared = summary.sharedNames.map(({ name, caseFiles }) => `"${name}": ${caseFiles.join(", ")}`);
    const error = new CaseDefinitionError(
      `case modules share a name (${shared.join("; ")}). A case's name starts its tests' names, which -t and failure messages use: give each its own.`,
    );
    return { summary, text, error };
  }
  // As jest fails a --ci run with obsolete snapshots: a dead golden must not stay green forever.
  if (mode === "none" && summary.obsolete.length + summary.unreferencedFiles.length > 0) {
    const command = summary.unreferencedFiles.length
      ? "npm run update-goldens"
      : `npm run update-goldens -- ${summary.obsoleteIn.join(" ")}`;
    const error = new ObsoleteGoldensError(
      `obsolete goldens in a CI run: remove them with \`${command}\` and commit the result.`,
    );
    return { summary, text, error };
  }
  return { summary, text };
}
