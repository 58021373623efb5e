import type { Config } from "@jest/types";
import { formatSummary, summarizeGoldens } from "./golden-summary";
import { readCaseRecords } from "./run-record";
import { asUserError, ObsoleteGoldensError } from "./user-error";

export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  const run = globalThis.__GOLDEN_RUN__;
  globalThis.__GOLDEN_RUN__ = undefined;
  let obsoleteInCi: string | undefined;
  try {
    const records = run ? readCaseRecords(run.context.runDir) : [];
    if (run && records.length > 0) {
      const { mode } = run.context;
      const summary = summarizeGoldens(globalConfig.rootDir, records, mode);
      process.stderr.write(`\n${formatSummary(summary, mode)}\n`);
      // As jest fails a --ci run with obsolete snapshots: a dead golden must not stay green forever.
      if (mode === "none" && summary.obsolete.length + summary.unreferencedFiles.length > 0) {
        obsoleteInCi = summary.unreferencedFiles.length ? "npm run update-goldens" : `npm run update-goldens -- ${summary.obsoleteIn.join(" ")}`;
      }
      const before = globalThis.__GOLDENS_BEFORE__;
      if (before) {
        const { goldensInWorkingTree, summaryTableFor } = await import("../report");
        const after = goldensInWorkingTree(globalConfig.rootDir);
        process.stderr.write(`\n${summaryTableFor(before, after, { root: globalConfig.rootDir })}\n`);
      }
    }
  } finally {
    await run?.stop();
  }
  if (obsoleteInCi) {
    throw asUserError(new ObsoleteGoldensError(`obsolete goldens in a CI run: remove them with \`${obsoleteInCi}\` and commit the result.`));
  }
}
