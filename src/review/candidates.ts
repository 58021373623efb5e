import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type Candidate, CandidateFile, caseModuleFingerprint, goldenFingerprint } from "../golden/candidate-file";
import { formatGolden } from "../golden/golden-body";
import { byEntryName, GoldenFile, GoldenFileError, parseGoldenBody } from "../golden/golden-file";
import type { Json } from "../golden/json";
import {
  CASE_SUFFIX,
  candidateDirOf,
  candidatePathFor,
  casesDirOf,
  fromRoot,
  GOLDEN_SUFFIX,
  goldenDirOf,
} from "../golden/layout";
import { readArtifact } from "./artifact";
import { ReviewError } from "./review-error";

/** One candidate to review: a query's kept answer, beside the golden the working tree has for it now. */
export interface ReviewItem {
  /** `<case module>/<query>`, as patterns match and lists show it. */
  id: string;
  caseModule: string;
  query: string;
  candidate: Candidate;
  /** The candidate's answer, parsed. */
  answer: Json;
  /** The golden file in the working tree, absolute. */
  goldenFile: string;
  /** Its entry for the query now; undefined: there is none (a new golden). */
  golden?: string;
  /** Where the candidate comes from, for messages: `__golden__/.pending/x.snap` or `ci.zip: x.snap`. */
  source: string;
  /** From a CI artifact (`--from`), which is only read: rejecting it deletes nothing. */
  fromArtifact: boolean;
  /** Why it cannot be accepted (its golden changed since it was kept, ...); undefined when it can. */
  stale?: string;
}

export interface CandidateSet {
  root: string;
  items: ReviewItem[];
  /** Where they were read, for messages: `__golden__/.pending/` or the --from argument. */
  where: string;
}

/** The candidates kept in the project (`__golden__/.pending/`), or those of a CI artifact (`from`). */
export function loadCandidates(root: string, options: { from?: string; cwd?: string } = {}): CandidateSet {
  if (options.from !== undefined) {
    const { files, where } = readArtifact(options.from, options.cwd ?? root);
    const items = files.flatMap((f) =>
      itemsOf(root, CandidateFile.parse(f.bytes, f.label), f.caseModule, f.label, true),
    );
    return { root, items: sorted(items), where };
  }
  const dir = candidateDirOf(root);
  const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(GOLDEN_SUFFIX)) : [];
  const items = names.flatMap((name) => {
    const path = join(dir, name);
    const caseModule = name.slice(0, -GOLDEN_SUFFIX.length);
    return itemsOf(root, CandidateFile.read(path), caseModule, fromRoot(root, path), false);
  });
  return { root, items: sorted(items), where: `${fromRoot(root, dir)}/` };
}

function itemsOf(root: string, file: CandidateFile, caseModule: string, source: string, fromArtifact: boolean) {
  const goldenFile = join(goldenDirOf(root), caseModule + GOLDEN_SUFFIX);
  const golden = readGolden(goldenFile);
  return file.keys().map((query): ReviewItem => {
    const candidate = file.get(query)!;
    const parsed = parseGoldenBody(candidate.body);
    if (!parsed.ok) {
      throw new ReviewError(
        `review-goldens: ${source}: the candidate for "${query}" is not an answer: ${parsed.message}. Run the case again to keep a fresh one.`,
      );
    }
    const item: ReviewItem = {
      id: `${caseModule}/${query}`,
      caseModule,
      query,
      candidate,
      answer: parsed.value,
      goldenFile,
      source,
      fromArtifact,
    };
    if (golden.file?.get(query) !== undefined) item.golden = golden.file.get(query);
    const stale = golden.error ?? staleness(root, item);
    if (stale) item.stale = stale;
    return item;
  });
}

const sorted = (items: ReviewItem[]) =>
  items.sort((a, b) => byEntryName(a.caseModule, b.caseModule) || byEntryName(a.query, b.query));

function readGolden(path: string): { file?: GoldenFile; error?: string } {
  try {
    return { file: GoldenFile.read(path) };
  } catch (err) {
    if (!(err instanceof GoldenFileError)) throw err;
    return { error: `its golden file cannot be read: ${err.message}` };
  }
}

/** Why a candidate may not be accepted into the working tree as it is now, or undefined. */
function staleness(root: string, item: ReviewItem): string | undefined {
  const caseFile = join(casesDirOf(root), item.caseModule + CASE_SUFFIX);
  if (!existsSync(caseFile)) {
    return `there is no case module ${fromRoot(root, caseFile)} (renamed or removed?), so its golden would be obsolete`;
  }
  const { caseModule } = item.candidate.note;
  if (caseModule !== undefined && caseModuleFingerprint(caseFile) !== caseModule) {
    return `its case module ${fromRoot(root, caseFile)} changed since the candidate was kept: run it again for a fresh answer`;
  }
  const now = goldenFingerprint(item.golden);
  if (now === item.candidate.note.golden) return undefined;
  if (item.candidate.note.golden === null) return "a golden was written for this query since the candidate was kept";
  if (now === null) return "its golden was removed since the candidate was kept";
  return "its golden changed since the candidate was kept, so the candidate was compared with another golden";
}

/** What to do about stale candidates, for the error that refuses them. */
function staleError(items: ReviewItem[], action: string): ReviewError {
  const lines = items.map((item) => `  ${item.id} (${item.source}): ${item.stale}`);
  return new ReviewError(
    `review-goldens: cannot ${action} ${items.length === 1 ? "a candidate" : `${items.length} candidates`} made against another golden than the working tree's:\n` +
      `${lines.join("\n")}\n` +
      "Run the case again (npm test) for a fresh candidate, or leave these out with a pattern; --reject drops local ones.",
  );
}

/** Refuses stale candidates before anything is written. */
export function refuseStale(items: ReviewItem[], action: string): void {
  const stale = items.filter((item) => item.stale);
  if (stale.length > 0) throw staleError(stale, action);
}

/**
 * Writes each candidate's answer into its golden file, laid out as update-goldens writes it, one
 * atomic write per golden file; then drops the local candidates of those queries, which are now
 * settled. Each golden is checked again just before: one edited since the candidates were loaded
 * (during an interactive review) makes the candidate stale. Returns the golden files written.
 */
export async function acceptCandidates(root: string, items: ReviewItem[]): Promise<string[]> {
  refuseStale(items, "accept");
  // Every golden file is read and checked before the first is written.
  const files = [...groupBy(items, (item) => item.goldenFile)].map(([path, group]) => {
    const file = GoldenFile.read(path);
    const changed = group.filter((item) => goldenFingerprint(file.get(item.query)) !== item.candidate.note.golden);
    if (changed.length > 0) {
      throw staleError(
        changed.map((item) => ({ ...item, stale: "its golden changed during this review" })),
        "accept",
      );
    }
    return { file, group };
  });
  // Laid out before anything is written: a failure there leaves every file as it was.
  for (const { file, group } of files) {
    for (const item of group) file.set(item.query, await formatGolden(item.answer));
  }
  for (const { file } of files) file.save();
  dropLocal(root, items, "settled");
  return files.map(({ file }) => fromRoot(root, file.path));
}

/** Deletes the local candidates of these items; a CI artifact's are only read, so rejecting one deletes nothing. */
export function rejectCandidates(root: string, items: ReviewItem[]): void {
  dropLocal(
    root,
    items.filter((item) => !item.fromArtifact),
    "rejected",
  );
}

/**
 * Removes the queries' entries from the local candidate files (a file left empty is removed).
 * `settled`: also for items from an artifact, whose local candidate (if any) an accepted golden
 * has made stale; an unreadable local file is then left as it is.
 */
function dropLocal(root: string, items: ReviewItem[], why: "settled" | "rejected"): void {
  const byModule = groupBy(items, (item) => item.caseModule);
  for (const [caseModule, group] of byModule) {
    const path = candidatePathFor(join(goldenDirOf(root), caseModule + GOLDEN_SUFFIX));
    let file: CandidateFile;
    try {
      file = CandidateFile.read(path);
    } catch (err) {
      if (why === "settled" && err instanceof GoldenFileError) continue;
      throw err;
    }
    for (const item of group) file.delete(item.query);
    file.save();
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
