import type { Config } from "@jest/types";
import { formatSummary, summarizeGoldens } from "./golden-summary";
import { CaseDefinitionError } from "./case-definition";
import { readCaseRecords } from "./run-record";
import { asUserError, UserError } from "../user-error";

class ObsoleteGoldensError extends UserError {
  override name = "ObsoleteGoldensError";
}

export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  const run = globalThis.__GOLDEN_RUN__;
  globalThis.__GOLDEN_RUN__ = undefined;
  let obsoleteInCi: string | undefined;
  let sharedNames: string[] = [];
  try {
    const records = run ? readCaseRecords(run.context.runDir) : [];
    if (run && records.length > 0) {
      const { mode } = run.context;
      const summary = summarizeGoldens(globalConfig.rootDir, records, mode);
      process.stderr.write(`\n${formatSummary(summary, mode)}\n`);
      // As jest fails a --ci run with obsolete snapshots: a dead golden must not stay green forever.
      if (mode === "none" && summary.obsolete.length + summary.unreferencedFiles.length > 0) {
        obsoleteInCi = summary.unreferencedFiles.length
          ? "npm run update-goldens"
          : `npm run update-goldens -- ${summary.obsoleteIn.join(" ")}`;
      }
      // Two cases of one name run under one jest test name and one -t filter: a copy-paste slip.
      sharedNames = summary.sharedNames.map(({ name, caseFiles }) => `"${name}": ${caseFiles.join(", ")}`);
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
  if (sharedNames.length) {
    throw asUserError(
      new CaseDefinitionError(
        `case modules share a name (${sharedNames.join("; ")}). A case's name starts its tests' names, which -t and failure messages use: give each its own.`,
      ),
    );
  }
  if (obsoleteInCi) {
    throw asUserError(
      new ObsoleteGoldensError(
        `obsolete goldens in a CI run: remove them with \`${obsoleteInCi}\` and commit the result.`,
      ),
    );
  }
}
