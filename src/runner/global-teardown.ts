import { rmSync } from "node:fs";
import type { Config } from "@jest/types";
import { updateMode } from "../golden/update-mode";
import { goldensInWorkingTree, summaryTableFor } from "../report";
import { formatSummary, summarizeGoldens } from "./golden-summary";
import { readCaseRecords, RUN_DIR_ENV } from "./run-record";
import { asUserError, ObsoleteGoldensError } from "./user-error";

export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  let obsoleteInCi: string | undefined;
  try {
    const runDir = process.env[RUN_DIR_ENV];
    const records = runDir ? readCaseRecords(runDir) : [];
    if (records.length > 0) {
      const mode = updateMode(globalConfig.updateSnapshot);
      const summary = summarizeGoldens(globalConfig.rootDir, records, mode);
      process.stderr.write(`\n${formatSummary(summary, mode)}\n`);
      // As jest fails a --ci run with obsolete snapshots: a dead golden must not stay green forever.
      if (mode === "none" && summary.obsolete.length + summary.unreferencedFiles.length > 0) {
        obsoleteInCi = summary.unreferencedFiles.length ? "npm run update-goldens" : `npm run update-goldens -- ${summary.obsoleteIn.join(" ")}`;
      }
      const before = globalThis.__GOLDENS_BEFORE__;
      if (before) {
        const after = goldensInWorkingTree(globalConfig.rootDir);
        process.stderr.write(`\n${summaryTableFor(before, after, { root: globalConfig.rootDir })}\n`);
      }
    }
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  } finally {
    await globalThis.__GOLDEN_VM__?.stop();
    globalThis.__GOLDEN_VM__ = undefined;
  }
  if (obsoleteInCi) {
    throw asUserError(new ObsoleteGoldensError(`obsolete goldens in a CI run: remove them with \`${obsoleteInCi}\` and commit the result.`));
  }
}
