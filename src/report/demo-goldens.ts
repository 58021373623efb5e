import { basename } from "node:path";
import { formatGolden } from "../golden/golden-body";
import { parseGolden, serializeGolden } from "../golden/golden-file";
import { isObject, type Json } from "../golden/json";
import { isPercentileField } from "../golden/percentiles";
import type { GoldenTexts } from "./compare";

/**
 * A golden pair made from this project's own goldens, for the browser test and the README's
 * screenshot: "before" is the goldens as they are, "after" has a few deterministic edits of the
 * kinds a reviewer meets. The edits are chosen by shape, not by name, so the pair survives
 * goldens being added or renamed:
 * - points of the first time series found, moved by +50% (or from 0 to 1): exact fields fail;
 * - a percentile moved by 0.4%, inside its default 1% tolerance, when one exists;
 * - the first error golden's code changed;
 * - a new case, and a file that is not a golden file (a merge conflict left in it).
 */
export interface DemoPair {
  before: Map<string, string>;
  after: Map<string, string>;
  /** `path · field` of every series edited: one chart each is expected. */
  editedSeries: string[];
  /** The file made unreadable. */
  brokenFile: string;
}

const SERIES_TO_EDIT = 3;

export async function demoGoldenPair(goldens: GoldenTexts): Promise<DemoPair> {
  const before = new Map(goldens);
  const after = new Map<string, string>();
  const editedSeries: string[] = [];
  let editedPercentile = false;
  let editedError = false;
  const editedFiles = new Set<string>();

  for (const [file, text] of before) {
    const entries = parseGolden(text, file);
    for (const [query, body] of entries) {
      const answer = JSON.parse(body) as Json;
      let changed = false;
      if (!editedError && isObject(answer) && Array.isArray(answer.errors)) {
        const first = answer.errors[0];
        if (isObject(first) && isObject(first.extensions)) {
          first.extensions.code = "FORBIDDEN";
          editedError = changed = true;
        }
      }
      for (const s of seriesIn(isObject(answer) ? answer.data : undefined)) {
        const percentile = isPercentileField(s.field);
        const last = s.numeric.at(-1);
        if (percentile && !editedPercentile && last !== undefined && s.points[last]![s.field] !== 0) {
          s.points[last]![s.field] = round((s.points[last]![s.field] as number) * 1.004);
          editedPercentile = changed = true;
          editedSeries.push(`${basename(file)} ${query}: ${s.path} · ${s.field}`);
        } else if (!percentile && editedSeries.length < SERIES_TO_EDIT && s.numeric.length >= 3) {
          for (const i of [s.numeric[1]!, s.numeric[2]!]) {
            const v = s.points[i]![s.field] as number;
            s.points[i]![s.field] = v === 0 ? 1 : round(v * 1.5);
          }
          changed = true;
          editedSeries.push(`${basename(file)} ${query}: ${s.path} · ${s.field}`);
        }
      }
      if (changed) {
        entries.set(query, await formatGolden(answer));
        editedFiles.add(file);
      }
    }
    after.set(file, serializeGolden(entries));
  }

  after.set(
    "__golden__/demo-new-case.snap",
    serializeGolden(
      new Map([["instant", await formatGolden({ data: { instant_model_metrics: { inference_volume: 3 } } })]]),
    ),
  );
  // A file with no edit of its own, so that every edit above still shows.
  const brokenFile = [...after.keys()]
    .filter((f) => !editedFiles.has(f))
    .sort()
    .at(-1)!;
  after.set(brokenFile, `${after.get(brokenFile)!}<<<<<<< HEAD\n`);
  return { before, after, editedSeries, brokenFile };
}

const round = (v: number) => Number(v.toPrecision(12));

interface FoundSeries {
  path: string;
  field: string;
  points: { [key: string]: Json }[];
  /** Indices of the points where the field is a number. */
  numeric: number[];
}

/** Each numeric field of each array of points, with the points themselves (to edit in place). */
function seriesIn(root: Json | undefined, path = ""): FoundSeries[] {
  if (Array.isArray(root)) {
    if (root.length > 0 && root.every((p) => isObject(p) && typeof p.timestamp === "string")) {
      const points = root as { [key: string]: Json }[];
      const fields = Object.keys(points[0]!).filter(
        (k) => k !== "timestamp" && points.some((p) => typeof p[k] === "number"),
      );
      return fields.map((field) => ({
        path,
        field,
        points,
        numeric: points.flatMap((p, i) => (typeof p[field] === "number" ? [i] : [])),
      }));
    }
    return root.flatMap((v, i) => seriesIn(v, `${path}[${i}]`));
  }
  if (isObject(root)) return Object.entries(root).flatMap(([k, v]) => seriesIn(v, path ? `${path}.${k}` : k));
  return [];
}
