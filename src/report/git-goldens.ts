import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { GOLDEN_SUFFIX, goldenDirOf } from "../golden/layout";
import { UserError } from "../user-error";

/** A base the user can act on: a bad ref, no git, no main. */
export class ReportInputError extends UserError {
  override name = "ReportInputError";
}

const GIT_BUFFER = 256 * 1024 * 1024;

function git(root: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd: root,
    encoding: "utf8",
    maxBuffer: GIT_BUFFER,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function gitOk(root: string, args: string[]): string | undefined {
  try {
    return git(root, args).trim();
  } catch {
    return undefined;
  }
}

/** The golden files as they are on disk now, tracked or not. */
export function goldensInWorkingTree(root: string): Map<string, string> {
  const dir = goldenDirOf(root);
  const texts = new Map<string, string>();
  if (!existsSync(dir)) return texts;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(GOLDEN_SUFFIX))
    .sort()) {
    texts.set(relative(root, join(dir, file)).split("\\").join("/"), readFileSync(join(dir, file), "utf8"));
  }
  return texts;
}

/** The golden files in a commit, read with git (paths relative to root, as in the working tree). */
export function goldensAtCommit(root: string, commit: string): Map<string, string> {
  const dir = relative(root, goldenDirOf(root)).split("\\").join("/");
  const listing = git(root, ["ls-tree", "-r", "-z", "--name-only", commit, "--", `${dir}/`]);
  const texts = new Map<string, string>();
  for (const path of listing
    .split("\0")
    .filter((p) => p.endsWith(GOLDEN_SUFFIX) && !p.slice(dir.length + 1).includes("/"))
    .sort()) {
    texts.set(path, git(root, ["show", `${commit}:./${path}`]));
  }
  return texts;
}

export interface Base {
  /** The full commit id. */
  commit: string;
  /** How the commit was chosen, for the report's first line: `\`3f2a1c0\`, the merge base of HEAD and origin/main`. */
  description: string;
}

/**
 * The commit to compare with: `ref` when given, else the merge base of HEAD with origin/main
 * when that exists, else with main. The report says which it chose.
 */
export function resolveBase(root: string, ref?: string): Base {
  if (gitOk(root, ["rev-parse", "--git-dir"]) === undefined) {
    throw new ReportInputError(
      `golden-report: ${root} is not inside a git repository; the report compares goldens at a commit with the working tree.`,
    );
  }
  const short = (commit: string) => commit.slice(0, 10);
  if (ref !== undefined) {
    const commit = gitOk(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (!commit)
      throw new ReportInputError(
        `golden-report: --base ${ref} is not a commit in this repository. Pass a branch, tag or commit, e.g. --base HEAD~1 or --base origin/main.`,
      );
    return {
      commit,
      description: commit.startsWith(ref) ? `\`${short(commit)}\`` : `\`${ref}\` (\`${short(commit)}\`)`,
    };
  }
  if (gitOk(root, ["rev-parse", "--verify", "--quiet", "HEAD"]) === undefined) {
    throw new ReportInputError(
      "golden-report: this repository has no commit yet, so there is nothing to compare with. Commit first, or pass --base <ref>.",
    );
  }
  const tried: string[] = [];
  for (const branch of ["origin/main", "main"]) {
    tried.push(branch);
    if (gitOk(root, ["rev-parse", "--verify", "--quiet", `${branch}^{commit}`]) === undefined) continue;
    const commit = gitOk(root, ["merge-base", "HEAD", branch]);
    if (commit) return { commit, description: `\`${short(commit)}\`, the merge base of HEAD and \`${branch}\`` };
  }
  throw new ReportInputError(
    `golden-report: no default base: tried the merge base of HEAD with ${tried.join(", then ")}, and none exists. Pass --base <ref>, e.g. --base HEAD~1.`,
  );
}
