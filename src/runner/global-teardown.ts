import { rmSync } from "node:fs";
import type { Config } from "@jest/types";
import { updateMode } from "../golden/update-mode";
import { goldensInWorkingTree, summaryTableFor } from "../report";
import { formatSummary, summarizeGoldens } from "./golden-summary";
import { readCaseRecords, RUN_DIR_ENV } from "./run-record";

export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  try {
    const runDir = process.env[RUN_DIR_ENV];
    const records = runDir ? readCaseRecords(runDir) : [];
    if (records.length > 0) {
      const mode = updateMode(globalConfig.updateSnapshot);
      process.stderr.write(`\n${formatSummary(summarizeGoldens(globalConfig.rootDir, records, mode), mode)}\n`);
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
}
