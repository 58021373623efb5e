import type { Config } from "@jest/types";
import { formatSummary, summarizeGoldens } from "./golden-summary";
import { CaseDefinitionError } from "./case-definition";
import { readCaseRecords } from "./run-record";
import { isCi } from "../golden/update-mode";
import { asUserError, UserError } from "../user-error";

class ObsoleteGoldensError extends UserError {
  override name = "ObsoleteGoldensError";
}

class CoverageGapError extends UserError {
  override name = "CoverageGapError";
}

export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  const run = globalThis.__GOLDEN_RUN__;
  globalThis.__GOLDEN_RUN__ = undefined;
  const failures: UserError[] = [];
  try {
    const records = run ? readCaseRecords(run.context.runDir) : [];
    if (run && records.length > 0) {
      const { mode } = run.context;
      const root = globalConfig.rootDir;
      const summary = summarizeGoldens(root, records, mode);
      process.stderr.write(`\n${formatSummary(summary, mode)}\n`);
      // Two cases of one name run under one jest test name and one -t filter: a copy-paste slip.
      if (summary.sharedNames.length > 0) {
        const shared = summary.sharedNames.map(({ name, caseFiles }) => `"${name}": ${caseFiles.join(", ")}`);
        failures.push(
          new CaseDefinitionError(
            `case modules share a name (${shared.join("; ")}). A case's name starts its tests' names, which -t and failure messages use: give each its own.`,
          ),
        );
      }
      // As jest fails a --ci run with obsolete snapshots: a dead golden must not stay green forever.
      if (mode === "none" && summary.obsolete.length + summary.unreferencedFiles.length > 0) {
        const command = summary.unreferencedFiles.length
          ? "npm run update-goldens"
          : `npm run update-goldens -- ${summary.obsoleteIn.join(" ")}`;
        failures.push(
          new ObsoleteGoldensError(
            `obsolete goldens in a CI run: remove them with \`${command}\` and commit the result.`,
          ),
        );
      }
      const before = globalThis.__GOLDENS_BEFORE__;
      if (before) {
        const { goldensInWorkingTree, summaryTableFor } = await import("../report");
        const after = goldensInWorkingTree(root);
        process.stderr.write(`\n${summaryTableFor(before, after, { root })}\n`);
      }
      // graphql-js is loaded here, in jest's main process, never by a case file.
      const { runCoverage } = await import("../coverage/run-coverage");
      try {
        const coverage = await runCoverage(root, records, run.context.target, isCi());
        if (coverage.text) process.stderr.write(`\n${coverage.text}\n`);
        if (coverage.failure) failures.push(new CoverageGapError(coverage.failure));
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        failures.push(err);
      }
    }
  } finally {
    await run?.stop();
  }
  if (failures.length === 1) throw asUserError(failures[0]);
  if (failures.length > 1) throw asUserError(new UserError(failures.map((f) => f.message).join("\n\n")));
}
