import { timeSeriesChanges } from "../report/time-series";
import { rangeAnswer } from "../report/test-support";
import { terminalChart } from "./terminal-chart";

const change = (before: (number | null)[], after: (number | null)[]) => {
  const data = (values: (number | null)[]) =>
    (rangeAnswer("inference_volume_by_status", "status_2xx", values) as { data: never }).data;
  return timeSeriesChanges(data(before), data(after))[0]!;
};

describe("a changed time series in a terminal", () => {
  test("golden and candidate as blocks on one scale, point under point, and a mark under each point that moved", () => {
    expect(terminalChart(change([0, 4, 0, 2, 6], [0, 4, 6, 2, null]), 40)).toEqual([
      "range_model_metrics.inference_volume_by_status · status_2xx: ts(0) … ts(120), 5 points, values 0 … 6",
      "  golden     ▁▁▁ ▆▆▆ ▁▁▁ ▃▃▃ ███",
      "  candidate  ▁▁▁ ▆▆▆ ███ ▃▃▃ ·",
      "                     ▲       •",
    ]);
  });

  test("a long series is cropped to where it moved, as the report's charts are, and says so", () => {
    const before = Array.from({ length: 100 }, (_, i) => i % 10);
    const after = before.map((v, i) => (i === 50 ? 20 : v));
    expect(terminalChart(change(before, after), 120)).toEqual([
      "range_model_metrics.inference_volume_by_status · status_2xx: ts(1440) … ts(1560), 5 points, values 0 … 20; " +
        "showing ts(1440) … ts(1560) of ts(0) … ts(2970), where the points moved",
      "  golden     ▄▄▄ ▄▄▄ ▁▁▁ ▁▁▁ ▂▂▂",
      "  candidate  ▄▄▄ ▄▄▄ ███ ▁▁▁ ▂▂▂",
      "                     ▲",
    ]);
  });

  test("a series too long for wide bars takes one column a point", () => {
    const before = Array.from({ length: 30 }, (_, i) => (i === 10 ? 5 : 0));
    const after = before.map((v, i) => (i === 10 ? 3 : v));
    expect(terminalChart(change(before, after), 40).slice(1)).toEqual([
      `  golden     ${"▁".repeat(10)}█${"▁".repeat(19)}`,
      `  candidate  ${"▁".repeat(10)}▅${"▁".repeat(19)}`,
      `${" ".repeat(13 + 10)}▼`,
    ]);
  });

  test("values that stay equal where there are any are drawn low, with a no-value mark where there is none", () => {
    expect(terminalChart(change([1, 1], [1, null]), 20).slice(1)).toEqual([
      "  golden     ▁▁ ▁▁",
      "  candidate  ▁▁ ·",
      "                •",
    ]);
  });
});
