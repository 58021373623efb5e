import { byEntryName, parseGolden, serializeGolden } from "./golden-file";

export interface GoldenMerge {
  /** The merged file's text. */
  text: string;
  /** Entries both sides changed, each its own way: left between conflict markers. */
  conflicts: string[];
}

/**
 * A three-way merge of one golden file, entry by entry: an entry that one side changed takes
 * that side's body, one that both changed alike takes it, and one added, removed or changed by
 * both, each its own way, is a conflict. Git's line merge conflicts whenever two branches touch
 * neighbouring entries (a golden file is a sorted list of blocks); this one conflicts only where
 * the numbers do. A conflicting entry holds both bodies between git's markers, which
 * `parseGolden` refuses by name, so `npm test` cannot pass until it is resolved, by hand or by
 * `npm run update-goldens` for its case module. Unparsable input throws (GoldenFileError).
 */
export function mergeGoldens(base: string, ours: string, theirs: string, path: string): GoldenMerge {
  const [o, a, b] = [base, ours, theirs].map((text) => parseGolden(text, path)) as [
    Map<string, string>,
    Map<string, string>,
    Map<string, string>,
  ];
  const merged = new Map<string, string>();
  const conflicts: string[] = [];
  for (const key of new Set([...o.keys(), ...a.keys(), ...b.keys()])) {
    const [was, mine, their] = [o.get(key), a.get(key), b.get(key)];
    const body = mine === their || their === was ? mine : mine === was ? their : conflict(mine, their);
    if (body === undefined) continue; // removed
    if (body !== mine && body !== their) conflicts.push(key);
    merged.set(key, body);
  }
  return { text: serializeGolden(merged), conflicts: conflicts.sort(byEntryName) };
}

/** Both bodies as git writes a conflict, so that editors' merge tools recognise it. */
function conflict(ours: string | undefined, theirs: string | undefined): string {
  return [
    "<<<<<<< ours",
    ours ?? "(removed on this branch)",
    "=======",
    theirs ?? "(removed on the merged branch)",
    ">>>>>>> theirs",
  ].join("\n");
}
