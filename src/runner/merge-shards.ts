// `npm run merge-shards [-- <dir>]`: the verdict of a sharded run over every shard's records
// (shard-record.ts): the goldens summary, obsolete goldens, shared case names, the coverage of the
// metrics surface. Exit 1 when the whole run failed (a golden failed in a shard, or the verdict
// fails it), 2 on bad input.
import { resolve } from "node:path";
import { concludeCoverage } from "./run-coverage";
import { isCi } from "../golden/update-mode";
import { fromRoot } from "../golden/layout";
import { concludeGoldens } from "./golden-summary";
import { caseModulesWithoutRecord } from "./run-record";
import { readShardRecords, SHARD_DIR } from "./shard-record";
import { UserError } from "../user-error";

/** The merged verdict's text and exit code, for the project at `root`. */
export function mergeShards(root: string, dir = resolve(root, SHARD_DIR)): { text: string; code: number } {
  const { records, mode, count, schema } = readShardRecords(root, dir);
  const { summary, text, error } = concludeGoldens(root, records, mode);
  const coverage = concludeCoverage(root, records, schema, isCi());
  const lines = [`${count} shards merged`, text, coverage.text];
  // A case module that failed to load wrote no record: an unsharded run fails on it, so must this.
  const unrecorded = caseModulesWithoutRecord(root, records);
  if (unrecorded.length) {
    lines.push(
      `case modules no shard recorded: ${unrecorded.map((file) => fromRoot(root, file)).join(", ")}. ` +
        "Each failed before its queries ran (its shard's log says why), or the shards ran with a path filter: " +
        "the verdict needs every case module.",
    );
  }
  if (error) lines.push(error.message);
  if (coverage.failure) lines.push(coverage.failure);
  const failed = error || coverage.failure || unrecorded.length || summary.failed > 0;
  return { text: lines.join("\n"), code: failed ? 1 : 0 };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  try {
    if (args.length > 1) throw new UserError(`merge-shards takes at most one directory; got ${args.join(" ")}`);
    const root = process.cwd();
    const { text, code } = mergeShards(root, args[0] && resolve(args[0]));
    process.stdout.write(`${text}\n`);
    process.exitCode = code;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    process.stderr.write(`merge-shards: ${err.message}\n`);
    process.exitCode = 2;
  }
}
