import type { SeriesChange } from "./time-series";

/** How charts are kept small: one place for both renderings. */
export const CHART_LIMITS = {
  /** Points around the moved ones kept on each side when a long series is cropped. */
  context: 2,
  /** A series longer than this is cropped to the points that moved (and their context). */
  maxPoints: 40,
  /** Charts per report; past that, the series are listed without a chart. */
  markdownCharts: 24,
  htmlCharts: 200,
} as const;

/** Colours of the two lines, in both renderings: before is grey, after stands out. */
export const CHART_COLORS = { before: "#8a8a8a", after: "#d62728" } as const;

/** The part of a series a chart draws: the points that moved with a little context, when the series is long. */
export interface ChartWindow {
  from: number;
  to: number; // inclusive
  cropped: boolean;
}

export function chartWindow(s: SeriesChange): ChartWindow {
  const n = s.timestamps.length;
  if (n <= CHART_LIMITS.maxPoints) return { from: 0, to: n - 1, cropped: false };
  const moved = s.timestamps.map((_, i) => i).filter((i) => s.before[i] !== s.after[i]);
  const first = moved[0] ?? 0;
  const last = moved.at(-1) ?? n - 1;
  const from = Math.max(0, first - CHART_LIMITS.context);
  const to = Math.min(n - 1, Math.max(last + CHART_LIMITS.context, from + 1));
  return { from, to, cropped: from > 0 || to < n - 1 };
}

/** The window's slice of a series. */
export function windowed(s: SeriesChange, w: ChartWindow) {
  const slice = <T>(xs: T[]) => xs.slice(w.from, w.to + 1);
  return { timestamps: slice(s.timestamps), before: slice(s.before), after: slice(s.after) };
}

/** A sentence on what the chart leaves out, or "". */
export function croppedNote(s: SeriesChange, w: ChartWindow): string {
  if (!w.cropped) return "";
  return `showing ${s.timestamps[w.from]} … ${s.timestamps[w.to]} of ${s.timestamps[0]} … ${s.timestamps.at(-1)}, where the points moved`;
}
