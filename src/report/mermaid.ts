import { CHART_COLORS, chartWindow, croppedNote, windowed } from "./chart-data";
import type { SeriesChange } from "./time-series";

export interface MermaidChart {
  /** The fenced block, ready for Markdown. */
  block: string;
  /** What the chart leaves out, for the line above it; "" when nothing. */
  note: string;
}

/**
 * A before/after line chart as a Mermaid `xychart-beta` block (GitHub renders them in comments and
 * job summaries). The chart has no legend, so the colours are fixed and the caption names them.
 * Mermaid draws no gaps: a timestamp where either side is null (or absent) is left out, and said so.
 */
export function mermaidChart(s: SeriesChange): MermaidChart | undefined {
  const window = chartWindow(s);
  const w = windowed(s, window);
  const keep = w.timestamps.map((_, i) => i).filter((i) => w.before[i] !== null && w.after[i] !== null);
  const dropped = w.timestamps.filter((_, i) => !keep.includes(i));
  const notes = [croppedNote(s, window)];
  if (dropped.length > 0) notes.push(`not plotted (null or absent on one side): ${dropped.join(", ")}`);
  if (keep.length < 2) return undefined;

  const labels = keep.map((i) => JSON.stringify(w.timestamps[i]));
  const line = (values: (number | null)[]) => `[${keep.map((i) => plainNumber(values[i]!)).join(", ")}]`;
  const init = {
    xyChart: { width: 640, height: 260 },
    themeVariables: { xyChart: { plotColorPalette: `${CHART_COLORS.before}, ${CHART_COLORS.after}` } },
  };
  const block = [
    "```mermaid",
    `%%{init: ${JSON.stringify(init)}}%%`,
    "xychart-beta",
    `    title ${quote(`${lastSegment(s.path)} · ${s.field}${s.context ? ` (${s.context})` : ""}`)}`,
    `    x-axis [${labels.join(", ")}]`,
    `    y-axis ${quote(s.field)}`,
    `    line ${line(w.before)}`,
    `    line ${line(w.after)}`,
    "```",
  ].join("\n");
  return { block, note: notes.filter(Boolean).join("; ") };
}

const lastSegment = (path: string) => path.split(".").at(-1) ?? path;

/** Mermaid's strings have no escapes: a double quote inside becomes a single one. */
const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;

/** Mermaid's numbers have no exponent: 1e-7 is written 0.0000001. */
export function plainNumber(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return "0";
  const digits = Math.max(0, Math.min(20, 11 - Math.floor(Math.log10(Math.abs(n)))));
  const text = n.toFixed(digits);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
