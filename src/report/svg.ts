import { CHART_COLORS, chartWindow, croppedNote, windowed } from "./chart-data";
import { formatNumber } from "./format";
import { type SeriesChange, seriesTitle } from "./time-series";

const SIZE = { width: 560, height: 230, left: 60, right: 30, top: 34, bottom: 36 } as const;
/** The strip under the chart with after − before per point: a small change to a large series still shows. */
const DELTA = { gap: 4, height: 44 } as const;
const MAX_X_LABELS = 8;

export const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface SvgChart {
  svg: string;
  /** What the chart leaves out, for its caption; "" when nothing. */
  note: string;
}

/**
 * A before/after line chart as inline SVG: no script, no fonts or styles from outside. Nulls are
 * gaps in a line; the points that moved are marked on the after line.
 */
export function svgChart(s: SeriesChange): SvgChart {
  const window = chartWindow(s);
  const w = windowed(s, window);
  const n = w.timestamps.length;
  const plotW = SIZE.width - SIZE.left - SIZE.right;
  const plotH = SIZE.height - SIZE.top - SIZE.bottom;

  const values = [...w.before, ...w.after].filter((v): v is number => v !== null);
  let [lo, hi] = values.length > 0 ? [Math.min(...values), Math.max(...values)] : [0, 1];
  if (lo >= 0 && lo <= hi - lo) lo = 0; // counts and rates read best from zero
  if (lo === hi) [lo, hi] = lo === 0 ? [0, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  const x = (i: number) => SIZE.left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => SIZE.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const r = (v: number) => v.toFixed(1);

  const parts: string[] = [];
  // Axes, three horizontal grid lines with their values.
  for (const v of [lo, (lo + hi) / 2, hi]) {
    parts.push(
      `<line x1="${SIZE.left}" x2="${SIZE.width - SIZE.right}" y1="${r(y(v))}" y2="${r(y(v))}" stroke="#e3e3e3"/>`,
    );
    parts.push(
      `<text x="${SIZE.left - 6}" y="${r(y(v) + 4)}" text-anchor="end" class="tick">${escapeXml(formatNumber(v))}</text>`,
    );
  }
  const every = Math.ceil(n / MAX_X_LABELS);
  w.timestamps.forEach((t, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    parts.push(
      `<text x="${r(x(i))}" y="${SIZE.height - SIZE.bottom + 16}" text-anchor="middle" class="tick">${escapeXml(t)}</text>`,
    );
  });
  parts.push(`<line x1="${SIZE.left}" x2="${SIZE.left}" y1="${SIZE.top}" y2="${SIZE.top + plotH}" stroke="#999"/>`);
  parts.push(
    `<line x1="${SIZE.left}" x2="${SIZE.width - SIZE.right}" y1="${SIZE.top + plotH}" y2="${SIZE.top + plotH}" stroke="#999"/>`,
  );

  const line = (vs: (number | null)[], side: "before" | "after", dash: string, width: number) => {
    const runs: string[] = [];
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) runs.push(`M${run.join("L")}`);
      else if (run.length === 1) runs.push(`M${run[0]}h0.01`); // a lone point still shows, as a dot of the line's width
      run = [];
    };
    vs.forEach((v, i) => (v === null ? flush() : run.push(`${r(x(i))},${r(y(v))}`)));
    flush();
    return `<path class="${side}" d="${runs.join("")}" fill="none" stroke="${CHART_COLORS[side]}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`;
  };
  // After first, before dashed over it: where the two agree, both stay visible.
  parts.push(line(w.after, "after", "", 2.5));
  parts.push(line(w.before, "before", "5 4", 1.5));
  w.after.forEach((v, i) => {
    if (v !== null && v !== w.before[i])
      parts.push(`<circle class="moved" cx="${r(x(i))}" cy="${r(y(v))}" r="3.5" fill="${CHART_COLORS.after}"/>`);
  });

  // The difference strip: one bar per moved point, scaled to the largest difference.
  const deltas = w.after.map((v, i) => (v !== null && w.before[i] !== null ? v - w.before[i]! : 0));
  const largest = Math.max(...deltas.map(Math.abs));
  let height: number = SIZE.height;
  if (largest > 0) {
    const mid = SIZE.height + DELTA.gap + DELTA.height / 2;
    const half = DELTA.height / 2 - 4;
    height = SIZE.height + DELTA.gap + DELTA.height;
    parts.push(`<line x1="${SIZE.left}" x2="${SIZE.width - SIZE.right}" y1="${mid}" y2="${mid}" stroke="#c8c8c8"/>`);
    parts.push(`<text x="${SIZE.left - 6}" y="${mid + 4}" text-anchor="end" class="tick">Δ</text>`);
    parts.push(
      `<text x="${SIZE.width - SIZE.right}" y="${mid - half - 2}" text-anchor="end" class="tick">after − before, largest ±${escapeXml(formatNumber(largest))}</text>`,
    );
    const bar = Math.max(2, Math.min(10, plotW / n / 2));
    deltas.forEach((d, i) => {
      if (d === 0) return;
      const h = Math.max(1, (Math.abs(d) / largest) * half);
      parts.push(
        `<rect class="delta" x="${r(x(i) - bar / 2)}" y="${r(d > 0 ? mid - h : mid)}" width="${r(bar)}" height="${r(h)}" fill="${CHART_COLORS.after}"/>`,
      );
    });
  }

  // Legend, top right.
  const lx = SIZE.width - SIZE.right - 190;
  parts.push(
    `<line x1="${lx}" x2="${lx + 22}" y1="14" y2="14" stroke="${CHART_COLORS.before}" stroke-width="2" stroke-dasharray="5 4"/>`,
  );
  parts.push(`<text x="${lx + 28}" y="18" class="legend">before</text>`);
  parts.push(
    `<line x1="${lx + 90}" x2="${lx + 112}" y1="14" y2="14" stroke="${CHART_COLORS.after}" stroke-width="2"/>`,
  );
  parts.push(`<text x="${lx + 118}" y="18" class="legend">after</text>`);
  parts.push(`<text x="${SIZE.left}" y="18" class="legend field">${escapeXml(s.field)}</text>`);

  const title = escapeXml(seriesTitle(s));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${SIZE.width} ${height}" width="${SIZE.width}" height="${height}" ` +
    `font-family="system-ui, sans-serif" font-size="11"><title>${title}: before and after</title>${parts.join("")}</svg>`;
  const nulls = w.timestamps.filter((_, i) => (w.before[i] === null) !== (w.after[i] === null));
  const notes = [
    croppedNote(s, window),
    nulls.length > 0 ? `null or absent on one side only: ${nulls.join(", ")}` : "",
  ];
  return { svg, note: notes.filter(Boolean).join("; ") };
}
