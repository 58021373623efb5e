import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarizeGoldens } from "./golden-summary";

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), "golden-summary-"))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

test("the candidates folder is neither an obsolete golden nor removed by a full update", () => {
  mkdirSync(join(root, "cases"));
  mkdirSync(join(root, "__golden__", ".pending"), { recursive: true });
  writeFileSync(join(root, "cases", "a.case.ts"), "");
  writeFileSync(join(root, "__golden__", "a.snap"), "");
  writeFileSync(join(root, "__golden__", ".pending", "a.snap"), "");
  const record = {
    caseFile: join(root, "cases", "a.case.ts"),
    caseName: "a",
    goldenFile: join(root, "__golden__", "a.snap"),
    queries: { q: "mismatch" as const },
    obsolete: [],
    removed: [],
  };
  for (const mode of ["none", "all"] as const) {
    const summary = summarizeGoldens(root, [record], mode);
    expect(summary).toMatchObject({ obsolete: [], unreferencedFiles: [], removedFiles: [] });
  }
  expect(existsSync(join(root, "__golden__", ".pending", "a.snap"))).toBe(true);
});
