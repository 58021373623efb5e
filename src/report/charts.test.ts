import { CHART_LIMITS, chartWindow } from "./chart-data";
import { mermaidChart, plainNumber } from "./mermaid";
import type { SeriesChange } from "./time-series";
import { svgChart } from "./svg";

const series = (before: (number | null)[], after: (number | null)[], field = "value"): SeriesChange => ({
  path: "range_model_metrics.inference_volume",
  field,
  timestamps: before.map((_, i) => `ts(${i * 30})`),
  before,
  after,
});

describe("charts of a changed series", () => {
  test("a Mermaid xychart-beta block: fixed colours (before grey, after red), ts(N) on the x axis, a line per side", () => {
    expect(mermaidChart(series([0, 4, 2], [0, 6, 2]))).toEqual({
      block: [
        "```mermaid",
        '%%{init: {"xyChart":{"width":640,"height":260},"themeVariables":{"xyChart":{"plotColorPalette":"#8a8a8a, #d62728"}}}}%%',
        "xychart-beta",
        '    title "inference_volume · value"',
        '    x-axis ["ts(0)", "ts(30)", "ts(60)"]',
        '    y-axis "value"',
        "    line [0, 4, 2]",
        "    line [0, 6, 2]",
        "```",
      ].join("\n"),
      note: "",
    });
  });

  test("Mermaid draws no gaps: a timestamp that is null on either side is left out, and the note says which", () => {
    const chart = mermaidChart(series([null, 1, 2, null], [0.5, 1, 3, null]))!;
    expect(chart.block).toContain('x-axis ["ts(30)", "ts(60)"]');
    expect(chart.note).toBe("not plotted (null or absent on one side): ts(0), ts(90)");
    expect(mermaidChart(series([null, 1], [2, 1]))).toBeUndefined(); // one point is no line
  });

  test.each([
    [0, "0"],
    [2, "2"],
    [-3.25, "-3.25"],
    [0.0866666666667, "0.0866666666667"],
    [1e-7, "0.0000001"],
    [123456789012, "123456789012"],
  ])("Mermaid numbers have no exponent: %p is written %p", (n, text) => expect(plainNumber(n)).toBe(text));

  test("a long series is cropped to the points that moved, with context on each side", () => {
    const before = Array.from({ length: 100 }, () => 1);
    const after = before.map((v, i) => (i === 50 || i === 60 ? 2 : v));
    const s = series(before, after);
    expect(chartWindow(s)).toEqual({ from: 50 - CHART_LIMITS.context, to: 60 + CHART_LIMITS.context, cropped: true });
    expect(mermaidChart(s)!.note).toBe("showing ts(1440) … ts(1860) of ts(0) … ts(2970), where the points moved");
  });

  test("an SVG chart: both lines, a mark on each moved point, a gap for null, and a title naming the series", () => {
    const { svg, note } = svgChart(series([1, 2, null, 4], [1, 3, 5, 4]));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" role="img"/);
    expect(svg).toContain("<title>range_model_metrics.inference_volume · value: before and after</title>");
    expect(svg.match(/<path class="before" d="([^"]*)"/)![1]!.match(/M/g)).toHaveLength(2); // broken at the null
    expect(svg.match(/<path class="after" d="([^"]*)"/)![1]!.match(/M/g)).toHaveLength(1);
    expect(svg.match(/<circle class="moved"/g)).toHaveLength(2); // ts(30): 2 → 3, ts(60): null → 5
    expect(note).toBe("null or absent on one side only: ts(60)");
  });

  test("text in an SVG chart is escaped", () => {
    const { svg } = svgChart({ ...series([1, 2], [1, 3]), context: 'name <b>&"x"' });
    expect(svg).toContain("(name &lt;b&gt;&amp;&quot;x&quot;)");
  });
});
