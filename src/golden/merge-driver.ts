// git's merge driver for golden files (README, "Merging branches that both changed goldens"):
// bin/golden-merge-driver %O %A %B %P. It merges entry by entry (merge-goldens.ts) and leaves
// the result in %A; exit 0 when clean, 1 when an entry conflicts, as git expects.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { CASE_SUFFIX, GOLDEN_SUFFIX } from "./layout";
import { GoldenFileError } from "./golden-file";
import { mergeGoldens, type GoldenMerge } from "./merge-goldens";
import { UserError } from "../user-error";

/**
 * What git is told about one file. The driver cannot run the case module itself: git calls it
 * before it writes the merge's files, so the code and cases it would run are this branch's,
 * not the merge's. The command it prints re-runs the case once they are in place.
 */
export function runMergeDriver(args: string[]): { code: number; message?: string } {
  if (args.length !== 4) {
    throw new UserError(
      `golden-merge-driver takes 4 arguments from git (%O %A %B %P); got ${args.length}. ` +
        `Configure it with: git config merge.golden.driver "bin/golden-merge-driver %O %A %B %P"`,
    );
  }
  const [base, ours, theirs, path] = args as [string, string, string, string];
  const read = (file: string) => readFileSync(file, "utf8");
  let merge: GoldenMerge;
  try {
    merge = mergeGoldens(read(base), read(ours), read(theirs), path);
  } catch (err) {
    // A side that is not a golden file any more (a hand edit, an old conflict), or anything else
    // that went wrong: git's line merge. %A must never stay this branch's side alone.
    const why = err instanceof GoldenFileError ? err.message : ((err as Error).stack ?? String(err));
    const git = spawnSync("git", ["merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs]);
    return { code: git.status === 0 ? 0 : 1, message: `${why}\nMerged ${path} line by line instead.` };
  }
  const { text, conflicts } = merge;
  writeFileSync(ours, text);
  if (conflicts.length === 0) return { code: 0 };
  const caseFile = `cases/${basename(path, GOLDEN_SUFFIX)}${CASE_SUFFIX}`;
  return {
    code: 1,
    message:
      `${path}: both branches changed ${conflicts.map((key) => `"${key}"`).join(", ")}, each its own way; ` +
      "the other entries are merged.\n" +
      `Once the merge's files are in place, rewrite the conflicting entries from the merged code: npm run update-goldens -- ${caseFile}\n` +
      "(or pick a side between the markers by hand), then git add it.",
  };
}

if (require.main === module) {
  try {
    const { code, message } = runMergeDriver(process.argv.slice(2));
    if (message) process.stderr.write(`golden-merge-driver: ${message}\n`);
    process.exitCode = code;
  } catch (err) {
    // Only a call without git's arguments gets here: there is no %A to write.
    process.stderr.write(`golden-merge-driver: ${err instanceof UserError ? err.message : (err as Error).stack}\n`);
    process.exitCode = 2;
  }
}
