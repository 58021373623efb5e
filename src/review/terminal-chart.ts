import { chartWindow, croppedNote, windowed } from "../report/chart-data";
import { formatNumber } from "../report/format";
import { type SeriesChange, seriesTitle } from "../report/time-series";

/** Eight heights of a block; one a point, on a scale shared by both lines. */
const BLOCKS = "▁▂▃▄▅▆▇█";
/** A point with no value (null, or no point at that time). */
const NO_VALUE = "·";
/** Under a point that moved: up, down, or to or from no value. */
const MOVED = { up: "▲", down: "▼", other: "•" } as const;
const LABELS = { before: "golden", after: "candidate" } as const;
/** Columns a point may take: wider bars read better when a series is short. */
const MAX_POINT_WIDTH = 4;

/**
 * A changed time series as text, for a terminal: the golden and the candidate as two lines of
 * blocks on one scale, point under point, and a line marking the points that moved. It reads
 * without colour (a screen capture, a log). A long series is cropped to where it moved, as the
 * report's charts are (chart-data.ts).
 */
export function terminalChart(s: SeriesChange, width: number): string[] {
  const window = chartWindow(s);
  const { timestamps, before, after } = windowed(s, window);
  const numbers = [...before, ...after].filter((v): v is number => v !== null);
  const [min, max] = [Math.min(...numbers), Math.max(...numbers)];
  const indent = "  " + " ".repeat(Math.max(LABELS.before.length, LABELS.after.length) + 2);
  const pointWidth = Math.max(1, Math.min(MAX_POINT_WIDTH, Math.floor((width - indent.length) / timestamps.length)));
  const cell = (text: string) => text.padEnd(pointWidth);
  const bar = (v: number | null) => {
    if (v === null) return cell(NO_VALUE);
    const level = max === min ? 0 : Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1));
    return cell(BLOCKS[level]!.repeat(Math.max(1, pointWidth - 1)));
  };
  const mark = (b: number | null, a: number | null) =>
    cell(b === a ? "" : b === null || a === null ? MOVED.other : a > b ? MOVED.up : MOVED.down);
  const row = (label: string, cells: string[]) => `  ${label.padEnd(indent.length - 2)}${cells.join("")}`.trimEnd();

  const range = numbers.length === 0 ? "no values" : `values ${formatNumber(min)} … ${formatNumber(max)}`;
  const note = croppedNote(s, window);
  return [
    `${seriesTitle(s)}: ${timestamps[0]} … ${timestamps.at(-1)}, ${timestamps.length} points, ${range}${note ? `; ${note}` : ""}`,
    row(LABELS.before, before.map(bar)),
    row(LABELS.after, after.map(bar)),
    row(
      "",
      before.map((b, i) => mark(b, after[i]!)),
    ),
  ];
}

/** What the marks under a chart mean, once per screen. */
export const CHART_LEGEND = `${MOVED.up} up, ${MOVED.down} down, ${MOVED.other} to or from no value (${NO_VALUE})`;
