import {
  formatSummary,
  MUTATION_TARGET,
  passes,
  summarize,
  type EquivalentMutant,
  type MutationReport,
} from "./summary";

const SOURCE = [
  "export function rate(kind: string) {",
  '  return kind === "per-minute" ? 60 : 1;',
  "}",
  "const sorted = [...items]",
  "  .sort(byName);",
].join("\n");

/** A mutant of SOURCE's line `line`, replacing columns [from, to) with `replacement`. */
const mutant = (status: string, line: number, from: number, to: number, replacement: string, mutatorName = "X") => ({
  status,
  mutatorName,
  replacement,
  location: { start: { line, column: from }, end: { line, column: to } },
});

const report = (...mutants: ReturnType<typeof mutant>[]): MutationReport => ({
  files: { "src/a.ts": { source: SOURCE, mutants } },
});

const perMinute: EquivalentMutant = {
  file: "src/a.ts",
  mutator: "StringLiteral",
  original: '"per-minute"',
  replacement: '""',
  why: "only the other branch differs",
};
const listedSurvivor = mutant("Survived", 2, 19, 31, '""', "StringLiteral");

describe("the summary of a mutation run", () => {
  test("counts caught, equivalent and not caught mutants; the score leaves equivalent ones out", () => {
    const summary = summarize(
      report(
        mutant("Killed", 2, 10, 31, "true", "ConditionalExpression"),
        mutant("Timeout", 1, 37, 38, "{}", "BlockStatement"),
        listedSurvivor,
        mutant("Survived", 2, 34, 36, "61", "Number"),
        mutant("NoCoverage", 1, 1, 2, "", "Other"),
        mutant("CompileError", 2, 3, 9, "", "Other"),
      ),
      [perMinute],
    );
    expect(summary).toMatchObject({ total: 6, detected: 2, timedOut: 1, staleEntries: [] });
    expect(summary.equivalent.map((m) => m.where)).toEqual(["src/a.ts:2:19"]);
    expect(summary.notCaught.map((m) => [m.where, m.status])).toEqual([
      ["src/a.ts:1:1", "NoCoverage"],
      ["src/a.ts:2:34", "Survived"],
    ]);
    expect(summary.errors).toHaveLength(1);
    expect(summary.score).toBe(2 / 4);
    expect(summary.strykerScore).toBe(2 / 5);
    expect(passes(summary)).toBe(false);
  });

  test("shows each mutant no case caught as file:line:column, mutator, the code and what replaced it", () => {
    const summary = summarize(report(mutant("Survived", 2, 34, 36, "61", "ArithmeticOperator")), []);
    const text = formatSummary(summary, { listFile: "list.ts", htmlReport: "report.html" });
    expect(text).toContain("src/a.ts:2:34  ArithmeticOperator  60  ->  61");
    expect(text).toContain('return kind === "per-minute" ? 60 : 1;');
    expect(text).toContain("score: 0.0% of the 1 non-equivalent mutants");
  });

  test("reads a change over several lines, spaces collapsed, as a list entry names it", () => {
    const sortRemoved = {
      ...mutant("Survived", 4, 16, 0, "[...items]", "MethodExpression"),
      location: { start: { line: 4, column: 16 }, end: { line: 5, column: 16 } },
    };
    const entry: EquivalentMutant = {
      file: "src/a.ts",
      mutator: "MethodExpression",
      original: "[...items] .sort(byName)",
      replacement: "[...items]",
      why: "already sorted",
    };
    const summary = summarize(report(sortRemoved), [entry]);
    expect(summary.equivalent.map((m) => m.original)).toEqual(["[...items] .sort(byName)"]);
    expect(summary.score).toBeNull();
    expect(passes(summary)).toBe(true);
  });

  test.each([
    ["its mutant was caught", report(mutant("Killed", 2, 19, 31, '""', "StringLiteral")), "was caught (Killed)"],
    [
      "the code it names is gone",
      { files: { "src/a.ts": { source: "const x = 1;", mutants: [] } } },
      "no longer in src/a.ts",
    ],
  ])("an equivalent entry is wrong when %s, and the run fails", (_, given, found) => {
    const summary = summarize(given, [perMinute]);
    expect(summary.staleEntries.map((e) => e.found)).toEqual([expect.stringContaining(found)]);
    expect(passes(summary)).toBe(false);
  });

  test("an entry outside the lines or files a run mutated is not wrong", () => {
    expect(summarize(report(), [perMinute]).staleEntries).toEqual([]);
    expect(summarize(report(), [{ ...perMinute, file: "src/b.ts" }]).staleEntries).toEqual([]);
  });

  test("an entry's `in` tells apart equal changes on different lines", () => {
    const onLine2 = { ...perMinute, in: "kind ===" };
    const elsewhere = { ...perMinute, in: "sorted" };
    expect(summarize(report(listedSurvivor), [onLine2]).equivalent).toHaveLength(1);
    expect(summarize(report(listedSurvivor), [elsewhere]).notCaught).toHaveLength(1);
  });

  test(`passes at ${MUTATION_TARGET * 100}% of the non-equivalent mutants`, () => {
    const caught = Array.from({ length: 19 }, () => mutant("Killed", 2, 10, 31, "true"));
    const oneMissed = summarize(report(...caught, mutant("Survived", 2, 34, 36, "61")), []);
    expect(oneMissed.score).toBe(0.95);
    expect(passes(oneMissed)).toBe(true);
  });
});
