import type { Config } from "@jest/types";
import { concludeGoldens, formatSummary, summarizeGoldens } from "./golden-summary";
import { fromRoot } from "../golden/layout";
import { isCi } from "../golden/update-mode";
import { readCaseRecords } from "./run-record";
import { writeShardRecord } from "./shard-record";
import { asUserError, UserError } from "../user-error";

export class CoverageGapError extends UserError {
  override name = "CoverageGapError";
}

export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  const run = globalThis.__GOLDEN_RUN__;
  globalThis.__GOLDEN_RUN__ = undefined;
  const failures: UserError[] = [];
  try {
    const records = run ? readCaseRecords(run.context.runDir) : [];
    const root = globalConfig.rootDir;
    const shard = globalConfig.shard;
    // graphql-js (the coverage's introspection and join) is loaded here, in jest's main process, never by a case file.
    const coverage = () => import("./run-coverage");
    if (run && shard) {
      // A shard's verdict would be over part of the run: the merge of every shard's records decides.
      // Written even with no case module in it, so that the merge knows the shard ran. The target's
      // schema goes with the records: the merge has no target to ask.
      const { mode } = run.context;
      const { shardIndex: index, shardCount: count } = shard;
      const schema = records.length > 0 ? await (await coverage()).targetSchema(run.context.target) : undefined;
      const path = writeShardRecord(root, { index, count }, mode, records, schema);
      process.stderr.write(
        `\n${formatSummary(summarizeGoldens(root, records, mode), mode)}\n` +
          `shard ${index} of ${count}: its record is ${fromRoot(root, path)}; ` +
          "`npm run merge-shards` over every shard's record decides obsolete goldens, shared case names and the coverage.\n",
      );
    } else if (run && records.length > 0) {
      const conclusion = concludeGoldens(root, records, run.context.mode);
      process.stderr.write(`\n${conclusion.text}\n`);
      if (conclusion.error) failures.push(conclusion.error);
      const { concludeCoverage, targetSchema, whyPartial } = await coverage();
      // A partial run shows no coverage: its target need not be asked.
      const schema = whyPartial(root, records) ? undefined : await targetSchema(run.context.target);
      try {
        const verdict = concludeCoverage(root, records, schema, isCi());
        if (verdict.text) process.stderr.write(`\n${verdict.text}\n`);
        if (verdict.failure) failures.push(new CoverageGapError(verdict.failure));
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        failures.push(err); // a line of cases/accepted-gaps.txt that cannot be read
      }
    }
    const before = globalThis.__GOLDENS_BEFORE__;
    if (before && records.length > 0) {
      // These two only: the report's other parts (HTML, charts, the case modules' tolerances) are not needed here.
      const { goldensInWorkingTree } = await import("../report/git-goldens");
      const { summaryTableFor } = await import("../report/update-summary");
      const after = goldensInWorkingTree(root);
      process.stderr.write(`\n${summaryTableFor(before, after, { root })}\n`);
    }
  } finally {
    await run?.stop();
  }
  if (failures.length === 1) throw asUserError(failures[0]);
  if (failures.length > 1) throw asUserError(new UserError(failures.map((f) => f.message).join("\n\n")));
}
