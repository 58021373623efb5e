import type { Config } from "@jest/types";
import { join } from "node:path";
import { concludeGoldens, formatSummary, summarizeGoldens } from "./golden-summary";
import { fromRoot } from "../golden/layout";
import { readCaseRecords } from "./run-record";
import { SHARD_DIR, writeShardRecord } from "./shard-record";
import { asUserError, type UserError } from "../user-error";

export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  const run = globalThis.__GOLDEN_RUN__;
  globalThis.__GOLDEN_RUN__ = undefined;
  let failure: UserError | undefined;
  try {
    const records = run ? readCaseRecords(run.context.runDir) : [];
    const root = globalConfig.rootDir;
    const shard = globalConfig.shard;
    if (run && shard) {
      // A shard's verdict would be over part of the run: the merge of every shard's records decides.
      // Written even with no case module in it, so that the merge knows the shard ran.
      const { mode } = run.context;
      const { shardIndex: index, shardCount: count } = shard;
      const path = writeShardRecord(join(root, SHARD_DIR), { index, count }, mode, records);
      process.stderr.write(
        `\n${formatSummary(summarizeGoldens(root, records, mode), mode)}\n` +
          `shard ${index} of ${count}: its record is ${fromRoot(root, path)}; ` +
          "`npm run merge-shards` over every shard's record decides obsolete goldens and shared case names.\n",
      );
    } else if (run && records.length > 0) {
      const conclusion = concludeGoldens(root, records, run.context.mode);
      process.stderr.write(`\n${conclusion.text}\n`);
      failure = conclusion.error;
    }
    const before = globalThis.__GOLDENS_BEFORE__;
    if (before && records.length > 0) {
      const { goldensInWorkingTree, summaryTableFor } = await import("../report");
      const after = goldensInWorkingTree(root);
      process.stderr.write(`\n${summaryTableFor(before, after, { root })}\n`);
    }
  } finally {
    await run?.stop();
  }
  if (failure) throw asUserError(failure);
}
