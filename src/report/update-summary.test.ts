import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summaryTableFor } from "./update-summary";
import { goldenText, rangeAnswer } from "./test-support";

const volume = (values: number[]) => rangeAnswer("inference_volume", "value", values);

describe("the summary at the end of update-goldens", () => {
  test("is the report's summary table for what the run changed, a line per changed query, and how to see more", () => {
    const before = new Map([
      ["__golden__/a.snap", goldenText({ range: volume([1, 2]), same: volume([1]) })],
      ["__golden__/gone.snap", goldenText({ range: volume([1]) })],
    ]);
    const after = new Map([
      ["__golden__/a.snap", goldenText({ range: volume([1, 3]), same: volume([1]) })],
      ["__golden__/new.snap", goldenText({ range: volume([1]) })],
    ]);
    expect(summaryTableFor(before, after)).toBe(
      [
        "goldens changed by this run:",
        "| goldens   | cases | queries |",
        "| --------- | ----: | ------: |",
        "| added     |     1 |       1 |",
        "| removed   |     1 |       1 |",
        "| changed   |     1 |       1 |",
        "| unchanged |     0 |       1 |",
        "  changed a › range: 1 value in 1 field; 1 outside tolerance; ts(30)",
        "review: git status __golden__/ and git diff __golden__/ (a new golden is a new file: read it)   or   npm run golden-report   (numbers, tolerance and charts per change)",
      ].join("\n"),
    );
  });

  test("after a run that changed nothing, says so by its counts alone", () => {
    const same = new Map([["__golden__/a.snap", goldenText({ range: volume([1]) })]]);
    expect(summaryTableFor(same, same)).toContain("| unchanged |     1 |       1 |");
    expect(summaryTableFor(same, same)).not.toContain("review:");
  });

  test("judges a change by the case module's own tolerance, read from its source only when something changed (cases/ is not read otherwise)", () => {
    const root = mkdtempSync(join(tmpdir(), "update-summary-"));
    try {
      mkdirSync(join(root, "cases"));
      const caseFile = join(root, "cases", "a.case.ts");
      const source = (abs: number) =>
        `export default goldenCase({ queries: { range: { query: "", tolerance: { "range_model_metrics.inference_volume[*].value": { abs: ${abs} } } } } });\n`;
      writeFileSync(caseFile, source(5));
      const before = new Map([["__golden__/a.snap", goldenText({ range: volume([1, 2]) })]]);
      const after = new Map([["__golden__/a.snap", goldenText({ range: volume([1, 3]) })]]);
      expect(summaryTableFor(before, after, { root })).toContain(
        "  changed a › range: 1 value in 1 field; all within tolerance",
      );
      // nothing changed: cases/ is never read (here it cannot be: it is a file)
      rmSync(join(root, "cases"), { recursive: true });
      writeFileSync(join(root, "cases"), "not a directory");
      expect(summaryTableFor(before, before, { root })).toContain("| unchanged |     1 |       1 |");
      expect(() => summaryTableFor(before, after, { root })).toThrow(/ENOTDIR/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
