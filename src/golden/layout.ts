import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";

/** Case modules live in <root>/cases/<name>.case.ts; their goldens in <root>/__golden__/<name>.snap. */
export const CASE_SUFFIX = ".case.ts";
export const GOLDEN_SUFFIX = ".snap";

export const caseNameOf = (caseFile: string) => basename(caseFile, CASE_SUFFIX);
export const projectRootOf = (caseFile: string) => dirname(dirname(caseFile));
export const casesDirOf = (root: string) => join(root, "cases");
export const goldenDirOf = (root: string) => join(root, "__golden__");
/** Every case module of a project, as absolute paths, sorted. */
export const caseFilesIn = (root: string): string[] => {
  const dir = casesDirOf(root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(CASE_SUFFIX))
    .sort()
    .map((f) => join(dir, f));
};
export const goldenPathFor = (caseFile: string) =>
  join(goldenDirOf(projectRootOf(caseFile)), caseNameOf(caseFile) + GOLDEN_SUFFIX);
/**
 * Where a run keeps the answers it may not write (candidates), beside their golden file:
 * <root>/__golden__/.pending/<name>.snap, in the golden files' format, ignored by git.
 */
export const CANDIDATE_DIR = ".pending";
export const candidatePathFor = (goldenPath: string) => join(dirname(goldenPath), CANDIDATE_DIR, basename(goldenPath));
export const candidateDirOf = (root: string) => join(goldenDirOf(root), CANDIDATE_DIR);
/** Paths in messages are relative to the project root, as a user types them. */
export const fromRoot = (root: string, path: string) => relative(root, path);
