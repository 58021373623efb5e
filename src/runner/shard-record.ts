import { readdirSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "../golden/atomic-write";
import { join, relative, resolve } from "node:path";
import { casesFingerprint } from "../coverage/coverage-file";
import type { TargetSchema } from "./run-coverage";
import type { UpdateMode } from "../golden/update-mode";
import { UserError } from "../user-error";
import type { CaseRecord } from "./run-record";

/**
 * A sharded run (`npm test -- --shard=1/2`) leaves what its case modules did here, one file per
 * shard, and decides nothing that needs the whole run: which goldens are obsolete, which names
 * two case modules share. `npm run merge-shards` reads every shard's file and decides (CI: a
 * final job after the shards' matrix, with their files as artifacts).
 */
export const SHARD_DIR = ".golden-shards";

export interface Shard {
  index: number;
  count: number;
}

interface ShardFile {
  shard: Shard;
  mode: UpdateMode;
  /** casesFingerprint of the project when the shard ran. */
  cases: string;
  records: CaseRecord[];
  /** The target's schema as the shard asked it, for the coverage (absent when it ran no case module). */
  schema?: TargetSchema;
}

const fileName = ({ index, count }: Shard) => `shard-${index}-of-${count}.json`;
const FILE = /^shard-(\d+)-of-(\d+)\.json$/;

export class ShardRecordError extends UserError {
  override name = "ShardRecordError";
}

/**
 * Writes this shard's records for the project at `root` into its SHARD_DIR, replacing an older
 * file of the same shard; its path. Paths are kept relative to `root` (CI's checkout is not the
 * one that may merge), with a fingerprint of cases/ so that shards of different code never merge.
 */
export function writeShardRecord(
  root: string,
  shard: Shard,
  mode: UpdateMode,
  records: CaseRecord[],
  schema?: TargetSchema,
): string {
  const path = join(root, SHARD_DIR, fileName(shard));
  const relativeRecords = records.map((r) => ({
    ...r,
    caseFile: relative(root, r.caseFile),
    goldenFile: relative(root, r.goldenFile),
  }));
  const file: ShardFile = { shard, mode, cases: casesFingerprint(root), records: relativeRecords };
  writeFileAtomic(path, JSON.stringify(schema ? { ...file, schema } : file));
  return path;
}

/**
 * Every shard's records, once each shard 1..n of one run is there, and the target's schema one of
 * them asked (each asked the same target); else an error naming what is missing.
 */
export function readShardRecords(
  root: string,
  dir = join(root, SHARD_DIR),
): {
  records: CaseRecord[];
  mode: UpdateMode;
  count: number;
  schema?: TargetSchema;
} {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => FILE.test(name));
  } catch {
    names = [];
  }
  if (names.length === 0) {
    throw new ShardRecordError(
      `${dir}: no shard records (shard-<i>-of-<n>.json). A run with jest's --shard writes them, e.g. npm test -- --shard=1/2.`,
    );
  }
  const files = names.map((name) => {
    try {
      return JSON.parse(readFileSync(join(dir, name), "utf8")) as ShardFile;
    } catch (err) {
      throw new ShardRecordError(
        `${join(dir, name)}: not a shard record (${(err as Error).message}). Take it again from its shard's run.`,
      );
    }
  });
  const counts = new Set(files.map((f) => f.shard.count));
  const modes = new Set(files.map((f) => f.mode));
  if (counts.size > 1 || modes.size > 1) {
    throw new ShardRecordError(
      `${dir}: records of different runs (${names.sort().join(", ")}): shards of ${[...counts].join(" and ")}, ` +
        `modes ${[...modes].join(" and ")}. Merge the shards of one run only.`,
    );
  }
  const count = [...counts][0]!;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter(
    (index) => !files.some((f) => f.shard.index === index),
  );
  if (missing.length) {
    throw new ShardRecordError(
      `${dir}: shard ${missing.join(", ")} of ${count} missing. Obsolete goldens are decided over every case module, ` +
        "so every shard's record must be there (did a shard's job fail before its tests ran?).",
    );
  }
  // Shards of other code (a shard run again after an edit) would decide over case modules that
  // are not the ones here: refused, as is a merge in a checkout whose cases/ differ.
  const fingerprints = new Set(files.map((f) => f.cases));
  if (fingerprints.size > 1 || !fingerprints.has(casesFingerprint(root))) {
    throw new ShardRecordError(
      `${dir}: ${fingerprints.size > 1 ? "the shards ran with different" : "these shards ran with other"} case modules ` +
        "(cases/ changed between their runs, or since). Run every shard again, or merge in the checkout they ran in.",
    );
  }
  const schema = files.find((f) => f.schema?.introspection)?.schema ?? files.find((f) => f.schema)?.schema;
  const records = files.flatMap((f) =>
    f.records.map((r) => ({ ...r, caseFile: resolve(root, r.caseFile), goldenFile: resolve(root, r.goldenFile) })),
  );
  return { records, mode: [...modes][0]!, count, ...(schema ? { schema } : {}) };
}
