import { CandidateFile, goldenFingerprint, type OracleVerdict } from "./candidate-file";
import { formatGolden } from "./golden-body";
import { GoldenFile, GoldenFileError, parseGoldenBody } from "./golden-file";
import type { Json } from "./json";
import { candidatePathFor } from "./layout";
import { differences, type Difference, snapToGolden, type ToleranceRules } from "./tolerance";
import type { UpdateMode } from "./update-mode";

export type GoldenStatus =
  | "unchanged" // the answer is the golden, exactly
  | "kept-within-tolerance" // it differs only within tolerance: the golden's values were kept
  | "written" // there was no golden; one was written
  | "updated" // it differed; the golden was rewritten (update mode)
  | "missing" // there is no golden and this run may not write one
  | "mismatch" // it differs beyond tolerance
  | "error"; // no comparison: the query, its oracle or the case's data failed first

export interface GoldenOutcome {
  status: GoldenStatus;
  /** For "mismatch" and "updated": each path that moved. */
  differences: Difference[];
  /** The golden as it was, parsed; undefined when there was none or it is not JSON. */
  golden?: Json;
}

/** What one golden file went through in a run: the run's summary is made of these. */
export interface GoldenRecord {
  goldenFile: string;
  /** Query name to what happened to its golden. Queries that did not run (a -t filter) are absent. */
  queries: Record<string, GoldenStatus>;
  /** Entries no declared query produces: reported, or removed in update mode. */
  obsolete: string[];
  removed: string[];
}

/**
 * One golden file's whole run, on the model of jest-snapshot's SnapshotState: it reads the file
 * (a file that cannot be parsed fails the case, except in an update, which rewrites it), matches
 * each answer as values, keeps each key's status, finds obsolete keys and saves as the mode
 * allows. Only a write formats a body, so a run that only compares never loads prettier.
 *
 * An answer the run may not write (a change beyond tolerance outside an update, a missing golden
 * in CI) is kept as a candidate in a second file of the same format (`candidatePathFor`), one
 * entry per query, so that it can be reviewed and accepted without running the case again
 * (`npm run review-goldens`); a note above each entry says which golden it was compared with, what
 * the oracle said and the query's tolerance (candidate-file.ts). Its
 * body is the answer as `npm run update-goldens` would write it (values within tolerance keep the
 * golden's), as JSON indented by two spaces rather than laid out by prettier: a failing check
 * must not load prettier either, and goldens are compared as values. A query whose golden
 * matches, or is written, drops its candidate; a candidate file left empty is removed.
 */
export class GoldenState {
  private readonly statuses: Record<string, GoldenStatus> = {};
  private obsolete: string[] = [];
  private removed: string[] = [];

  private constructor(
    private readonly file: GoldenFile,
    private readonly candidates: CandidateFile,
    private readonly mode: UpdateMode,
    private readonly caseModule?: string,
  ) {}

  /** `caseModule`: the case module's fingerprint, noted with each candidate (a changed case makes it stale). */
  static open(path: string, mode: UpdateMode, caseModule?: string): GoldenState {
    const candidates = readCandidates(candidatePathFor(path));
    try {
      return new GoldenState(GoldenFile.read(path), candidates, mode, caseModule);
    } catch (err) {
      if (!(err instanceof GoldenFileError) || mode !== "all") throw err;
      return new GoldenState(GoldenFile.empty(path), candidates, mode, caseModule);
    }
  }

  get path(): string {
    return this.file.path;
  }

  /** Where a "missing" or "mismatch" answer is kept once the file is saved. */
  get candidatePath(): string {
    return this.candidates.path;
  }

  /** A query counts as failed until its comparison says otherwise. */
  begin(key: string): void {
    this.statuses[key] = "error";
  }

  /**
   * Compares one normalized answer with its golden entry and, as the mode allows, writes it.
   * Values within tolerance are snapped to the golden's first, so they never change a file.
   */
  async match(
    key: string,
    actual: Json,
    rules: ToleranceRules | undefined,
    oracle: OracleVerdict = "none",
  ): Promise<GoldenOutcome> {
    const outcome = await this.compare(key, actual, rules, oracle);
    this.statuses[key] = outcome.status;
    if (outcome.status !== "missing" && outcome.status !== "mismatch") this.candidates.delete(key);
    return outcome;
  }

  private async compare(
    key: string,
    actual: Json,
    rules: ToleranceRules | undefined,
    oracle: OracleVerdict,
  ): Promise<GoldenOutcome> {
    const body = this.file.get(key);
    const keep = (answer: Json) => this.keepCandidate(key, answer, rules, oracle);
    if (body === undefined) {
      if (this.mode === "none") {
        keep(actual);
        return { status: "missing", differences: [] };
      }
      this.file.set(key, await formatGolden(actual));
      return { status: "written", differences: [] };
    }
    const parsed = parseGoldenBody(body); // a body that is not JSON differs as a whole
    if (!parsed.ok) return this.differs(key, actual, [{ path: "", golden: body, actual }], keep);
    const golden = parsed.value;
    const snapped = snapToGolden(actual, golden, rules);
    const found = differences(snapped, golden, rules);
    if (found.length > 0) return this.differs(key, snapped, found, keep, golden);
    const kept = differences(actual, golden, rules).length > 0;
    return { status: kept ? "kept-within-tolerance" : "unchanged", differences: [] };
  }

  private async differs(
    key: string,
    snapped: Json,
    found: Difference[],
    keep: (answer: Json) => void,
    golden?: Json,
  ): Promise<GoldenOutcome> {
    if (this.mode !== "all") {
      keep(snapped);
      return { status: "mismatch", differences: found, golden };
    }
    this.file.set(key, await formatGolden(snapped));
    return { status: "updated", differences: found, golden };
  }

  private keepCandidate(key: string, answer: Json, rules: ToleranceRules | undefined, oracle: OracleVerdict): void {
    const note = {
      golden: goldenFingerprint(this.file.get(key)),
      oracle,
      ...(rules ? { tolerance: rules } : {}),
      ...(this.caseModule ? { caseModule: this.caseModule } : {}),
    };
    this.candidates.set(key, { body: JSON.stringify(answer, null, 2), note });
  }

  /**
   * Saves as the mode allows (a check-only run never writes its golden file, only candidates); an
   * update removes what no declared query produces. A file that cannot be written fails the
   * queries it would have written.
   */
  save(declared: Iterable<string>): void {
    const names = new Set(declared);
    this.obsolete = this.file.keys().filter((key) => !names.has(key));
    this.removed = this.mode === "all" ? this.obsolete : [];
    for (const key of this.removed) this.file.delete(key);
    // A candidate of a query that no longer exists can never be accepted.
    for (const key of this.candidates.keys()) if (!names.has(key)) this.candidates.delete(key);
    if (this.mode !== "none") this.saveGolden();
    this.saveCandidates();
  }

  private saveCandidates(): void {
    try {
      this.candidates.save();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new GoldenFileError(
        `${this.candidates.path}: cannot be written (${code}), so the failing answers of this case were not kept ` +
          `for review (the goldens are not affected). Make the folder writable, and run again.`,
        { cause: err },
      );
    }
  }

  private saveGolden(): void {
    try {
      this.file.save();
    } catch (err) {
      const lost = Object.keys(this.statuses).filter(
        (key) => this.statuses[key] === "written" || this.statuses[key] === "updated",
      );
      for (const key of lost) this.statuses[key] = "error";
      this.removed = [];
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new GoldenFileError(
        `${this.file.path}: cannot be written (${code}), so ${lost.length} golden(s) of this case were not saved: ` +
          `${lost.join(", ") || "(only removals)"}. Make the file and its folder writable, and run again.`,
        { cause: err },
      );
    }
  }

  /** What this file went through in the run, after save. */
  record(): GoldenRecord {
    return {
      goldenFile: this.file.path,
      queries: { ...this.statuses },
      obsolete: this.mode === "all" ? [] : this.obsolete,
      removed: this.removed,
    };
  }
}

/**
 * The candidates kept by earlier runs. They are only a convenience: a file that cannot be parsed
 * (edited by hand, a conflict) is started afresh, and replaced once a candidate is kept.
 */
function readCandidates(path: string): CandidateFile {
  try {
    return CandidateFile.read(path);
  } catch (err) {
    if (!(err instanceof GoldenFileError)) throw err;
    return CandidateFile.empty(path);
  }
}
