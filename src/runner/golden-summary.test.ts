import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { concludeGoldens, summarizeGoldens } from "./golden-summary";

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

describe("concludeGoldens: obsolete goldens fail a CI run with the command that removes them", () => {
  const record = (obsolete: string[]) => ({
    caseFile: join(root, "cases", "a.case.ts"),
    caseName: "a",
    goldenFile: join(root, "__golden__", "a.snap"),
    queries: { q: "unchanged" as const },
    obsolete,
    removed: [],
  });
  beforeEach(() => {
    mkdirSync(join(root, "cases"));
    mkdirSync(join(root, "__golden__"));
    writeFileSync(join(root, "cases", "a.case.ts"), "");
    writeFileSync(join(root, "__golden__", "a.snap"), "");
  });

  test("only entries: the update of their case modules", () => {
    const { text, error } = concludeGoldens(root, [record(["gone"])], "none");
    expect(text).toContain("  __golden__/a.snap: gone");
    expect(error?.message).toBe(
      "obsolete goldens in a CI run: remove them with `npm run update-goldens -- cases/a.case.ts` and commit the result.",
    );
  });

  test("a whole file: the full update, the only one that removes files", () => {
    writeFileSync(join(root, "__golden__", "deleted-case.snap"), "");
    const { error } = concludeGoldens(root, [record(["gone"])], "none");
    expect(error?.message).toContain("remove them with `npm run update-goldens` and commit the result.");
  });

  test("outside CI they are reported, and the run passes", () => {
    const { text, error } = concludeGoldens(root, [record(["gone"])], "new");
    expect(text).toContain("obsolete goldens (no query produces them; `npm run update-goldens` removes them):");
    expect(error).toBeUndefined();
  });
});
