import { childPath, isObject, type Json, valueAt } from "../golden/json";

/** One numeric field of one array of points, before and after, aligned by timestamp. */
export interface SeriesChange {
  /** The array's path relative to `data` (`range_billing_metrics.billable_minutes[0].points`). */
  path: string;
  /** The numeric field drawn (`value`, `p99`, `status_2xx`). */
  field: string;
  /** What tells this array apart from its siblings: the enclosing object's text fields (`instance_type A10G`). */
  context?: string;
  /** The x axis: every timestamp on either side, in time order. */
  timestamps: string[];
  /** null: null in the answer, or no point at that timestamp on that side. */
  before: (number | null)[];
  after: (number | null)[];
}

/** `ts(-30)` → -30; anything else → NaN. */
export const tsNumber = (label: string): number => {
  const m = /^ts\((-?[0-9.e+-]+)\)$/.exec(label);
  return m ? Number(m[1]) : NaN;
};

/** Orders `ts(N)` labels by N; labels that are not `ts(N)` keep their place after them. */
export function tsOrder(a: string, b: string): number {
  const [x, y] = [tsNumber(a), tsNumber(b)];
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? 0 : Number.isNaN(x) ? 1 : -1;
  return x - y;
}

type Point = { [key: string]: Json } & { timestamp: string };
const isPoint = (v: Json): v is Point => isObject(v) && typeof v.timestamp === "string";

/** Every array of points (objects with a string `timestamp`) under `root`, by path, with the object holding it. */
function findSeries(
  root: Json | undefined,
  path = "",
  holder?: { [key: string]: Json },
  found = new Map<string, { points: Point[]; holder?: { [key: string]: Json } }>(),
) {
  if (Array.isArray(root)) {
    if (root.length > 0 && root.every(isPoint))
      found.set(path, holder ? { points: root as Point[], holder } : { points: root as Point[] });
    else root.forEach((v, i) => findSeries(v, childPath(path, i), holder, found));
  } else if (isObject(root)) {
    for (const [k, v] of Object.entries(root)) findSeries(v, childPath(path, k), root, found);
  }
  return found;
}

/**
 * The time series whose numbers moved, one per array and numeric field, aligned by timestamp so
 * that a point added or removed at one end does not shift every other point.
 */
export function timeSeriesChanges(before: Json | undefined, after: Json | undefined): SeriesChange[] {
  const [old, now] = [findSeries(before), findSeries(after)];
  const changes: SeriesChange[] = [];
  // Only arrays on both sides (an empty one counts): a series whose answer went away or came in
  // its place has no before or no after to draw.
  const isArrayIn = (root: Json | undefined, path: string) => Array.isArray(valueAt(root, path));
  const paths = [...new Set([...now.keys(), ...old.keys()])].filter((p) => isArrayIn(before, p) && isArrayIn(after, p));
  for (const path of paths) {
    const o = old.get(path)?.points ?? [];
    const n = now.get(path)?.points ?? [];
    const timestamps = [...new Set([...n.map((p) => p.timestamp), ...o.map((p) => p.timestamp)])].sort(tsOrder);
    const fields = [
      ...new Set(
        [...o, ...n].flatMap((p) =>
          Object.keys(p).filter((k) => k !== "timestamp" && (typeof p[k] === "number" || p[k] === null)),
        ),
      ),
    ];
    const holder = now.get(path)?.holder ?? old.get(path)?.holder;
    const context = holder
      ? Object.entries(holder)
          .filter(([, v]) => typeof v === "string")
          .map(([k, v]) => `${k} ${v as string}`)
          .join(", ")
      : "";
    for (const field of fields) {
      const valuesOf = (points: Point[]) => {
        const byTime = new Map(points.map((p) => [p.timestamp, p[field]]));
        return timestamps.map((t) => {
          const v = byTime.get(t);
          return typeof v === "number" ? v : null;
        });
      };
      const [b, a] = [valuesOf(o), valuesOf(n)];
      if (b.every((v, i) => v === a[i])) continue;
      const change: SeriesChange = { path, field, timestamps, before: b, after: a };
      if (context) change.context = context;
      changes.push(change);
    }
  }
  return changes;
}

/** The title a chart carries: `range_model_metrics.inference_volume · value`. */
export const seriesTitle = (s: SeriesChange) => `${s.path} · ${s.field}${s.context ? ` (${s.context})` : ""}`;
