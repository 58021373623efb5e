/**
 * What `npm run mutate` prints at the end, from Stryker's JSON report (mutation-testing-report-
 * schema): the score over the mutants that are not equivalent, and each mutant no case caught,
 * as file:line:column, the mutator and the change. Pure.
 */

/** The part of a mutant in Stryker's JSON report this reads (lines and columns 1-based, end exclusive). */
export interface ReportedMutant {
  mutatorName: string;
  replacement: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export interface MutationReport {
  files: Record<string, { source: string; mutants: ReportedMutant[] }>;
}

/**
 * A mutant that no query result can tell from the original, and why. It matches a surviving
 * mutant of `file` by mutator, the code it changes and what it puts there (spaces collapsed), and,
 * when given, a piece of the line it starts on (`in`), so that it survives lines moving.
 */
export interface EquivalentMutant {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  in?: string;
  why: string;
}

/** One mutant, as the summary shows it. */
export interface Shown {
  where: string;
  mutator: string;
  original: string;
  replacement: string;
  line: string;
}

export interface MutationSummary {
  files: string[];
  total: number;
  /** Killed or timed out: a case failed. */
  detected: number;
  timedOut: number;
  /** Survived and listed as equivalent, with the entry that says why. */
  equivalent: Array<Shown & { why: string }>;
  /** Survived or reached by no case, and not listed: a bug the suite would let through. */
  notCaught: Array<Shown & { status: string }>;
  /** Mutants that did not compile or crashed the run: not counted, as Stryker does not count them. */
  errors: Shown[];
  /** Entries of the list that are wrong now: their mutant was caught, or the code they name is gone. */
  staleEntries: Array<EquivalentMutant & { found: string }>;
  /** detected / (detected + notCaught); null without such mutants. */
  score: number | null;
  /** Stryker's own score: equivalent mutants count as survivors. */
  strykerScore: number | null;
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const ERRORS = new Set(["CompileError", "RuntimeError"]);

const collapse = (code: string) => code.replace(/\s+/g, " ").trim();

/** The source text a mutant replaces. */
function originalOf(source: string[], { start, end }: ReportedMutant["location"]): string {
  if (start.line === end.line) return source[start.line - 1]!.slice(start.column - 1, end.column - 1);
  const middle = source.slice(start.line, end.line - 1);
  return [
    source[start.line - 1]!.slice(start.column - 1),
    ...middle,
    source[end.line - 1]!.slice(0, end.column - 1),
  ].join("\n");
}

function matches(entry: EquivalentMutant, file: string, mutant: Shown): boolean {
  return (
    entry.file === file &&
    entry.mutator === mutant.mutator &&
    collapse(entry.original) === mutant.original &&
    collapse(entry.replacement) === mutant.replacement &&
    (entry.in === undefined || mutant.line.includes(entry.in))
  );
}

export function summarize(report: MutationReport, equivalents: readonly EquivalentMutant[]): MutationSummary {
  const summary: MutationSummary = {
    files: Object.keys(report.files).sort(),
    total: 0,
    detected: 0,
    timedOut: 0,
    equivalent: [],
    notCaught: [],
    errors: [],
    staleEntries: [],
    score: null,
    strykerScore: null,
  };
  const matched = new Set<EquivalentMutant>();
  for (const file of summary.files) {
    const { source, mutants } = report.files[file]!;
    const lines = source.split("\n");
    const ordered = [...mutants].sort(
      (a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column,
    );
    for (const mutant of ordered) {
      const { start } = mutant.location;
      const shown: Shown = {
        where: `${file}:${start.line}:${start.column}`,
        mutator: mutant.mutatorName,
        original: collapse(originalOf(lines, mutant.location)),
        replacement: collapse(mutant.replacement),
        line: lines[start.line - 1]!.trim(),
      };
      const entry = equivalents.find((e) => matches(e, file, shown));
      if (entry) matched.add(entry);
      summary.total++;
      if (DETECTED.has(mutant.status)) {
        summary.detected++;
        if (mutant.status === "Timeout") summary.timedOut++;
        if (entry) summary.staleEntries.push({ ...entry, found: `${shown.where} was caught (${mutant.status})` });
      } else if (UNDETECTED.has(mutant.status)) {
        if (entry && mutant.status === "Survived") summary.equivalent.push({ ...shown, why: entry.why });
        else summary.notCaught.push({ ...shown, status: mutant.status });
      } else if (ERRORS.has(mutant.status)) {
        summary.errors.push(shown);
      }
    }
  }
  // An entry that matched nothing may lie outside the lines this run mutated; but when the code
  // it names is gone from its file, the code changed under it.
  for (const entry of equivalents) {
    const file = report.files[entry.file];
    if (matched.has(entry) || file === undefined) continue;
    const source = collapse(file.source);
    if (!source.includes(collapse(entry.original)) || (entry.in !== undefined && !source.includes(collapse(entry.in))))
      summary.staleEntries.push({ ...entry, found: `the code it names is no longer in ${entry.file}` });
  }
  const counted = summary.detected + summary.notCaught.length;
  summary.score = counted === 0 ? null : summary.detected / counted;
  const strykerCounted = counted + summary.equivalent.length;
  summary.strykerScore = strykerCounted === 0 ? null : summary.detected / strykerCounted;
  return summary;
}

/** The share of non-equivalent mutants the case suite must catch (issue #13). */
export const MUTATION_TARGET = 0.95;

export const passes = (summary: MutationSummary) =>
  summary.staleEntries.length === 0 && (summary.score === null || summary.score >= MUTATION_TARGET);

const percent = (share: number | null) => (share === null ? "n/a" : `${(share * 100).toFixed(1)}%`);
const MAX_CODE = 70;
const cut = (code: string) => (code.length > MAX_CODE ? `${code.slice(0, MAX_CODE - 1)}…` : code);
const change = (m: Shown) => `${m.mutator}  ${cut(m.original)}  ->  ${cut(m.replacement) || "(nothing)"}`;

export interface FormatOptions {
  /** Where the equivalent mutants are listed, as the reader should open it. */
  listFile: string;
  /** Stryker's HTML report, to browse every mutant. */
  htmlReport: string;
}

export function formatSummary(s: MutationSummary, options: FormatOptions): string {
  const out: string[] = [];
  const nonEquivalent = s.detected + s.notCaught.length;
  out.push(`mutation testing: ${s.total} mutants in ${s.files.join(", ")}, tested by the case suite`);
  out.push(
    `  caught ${s.detected}${s.timedOut ? ` (${s.timedOut} by a timeout)` : ""}; equivalent ${s.equivalent.length}; ` +
      `not caught ${s.notCaught.length}; errors ${s.errors.length} (not counted)`,
  );
  out.push(
    `  score: ${percent(s.score)} of the ${nonEquivalent} non-equivalent mutants (target ${percent(MUTATION_TARGET)}); ` +
      `Stryker's score, counting equivalent mutants as survivors: ${percent(s.strykerScore)}`,
  );
  if (s.notCaught.length) {
    out.push("", `not caught (${s.notCaught.length}): bugs the case suite would let through.`);
    out.push(
      `  Add data that catches each, or, if no query result can tell it from the original, list it in ${options.listFile} with why.`,
    );
    for (const m of s.notCaught) {
      out.push(`  ${m.where}  ${change(m)}${m.status === "NoCoverage" ? "  (no case reaches it)" : ""}`);
      out.push(`      ${cut(m.line)}`);
    }
  }
  if (s.errors.length) {
    out.push("", `errors (${s.errors.length}): the mutant did not compile or broke the run`);
    for (const m of s.errors) out.push(`  ${m.where}  ${change(m)}`);
  }
  if (s.equivalent.length) {
    out.push("", `equivalent (${s.equivalent.length}, listed in ${options.listFile}):`);
    for (const m of s.equivalent) out.push(`  ${m.where}  ${change(m)}`, `      ${m.why}`);
  }
  if (s.staleEntries.length) {
    out.push("", `wrong entries in ${options.listFile} (${s.staleEntries.length}): fix or remove them`);
    for (const e of s.staleEntries)
      out.push(
        `  ${e.file}  ${e.mutator}  ${cut(collapse(e.original))}  ->  ${cut(collapse(e.replacement))}: ${e.found}`,
      );
  }
  out.push("", `every mutant: ${options.htmlReport}`);
  return out.join("\n");
}
