import { createHash } from "node:crypto";
import { decodeGolden, GoldenFileError, parseGolden, parseGoldenBody, readIfThere, saveEntries } from "./golden-file";
import { isObject, type Json } from "./json";
import type { ToleranceRules } from "./tolerance";

/** "passed": the query's oracle (check) ran on this answer and passed; "none": the query has no oracle. */
export type OracleVerdict = "passed" | "none";

/** What a run knew about a candidate besides the answer, for its review. */
export interface CandidateNote {
  /** The golden the answer was compared with (goldenFingerprint), or null when there was none. */
  golden: string | null;
  oracle: OracleVerdict;
  /** The query's own tolerance in that run, so that a review judges the change as the run did. */
  tolerance?: ToleranceRules;
  /** The case module's text when the answer was kept (caseModuleFingerprint): a changed case asks anew. */
  caseModule?: string;
}

export interface Candidate {
  /** The answer as JSON, values within tolerance already the golden's. */
  body: string;
  note: CandidateNote;
}

/** A candidate entry's note is a comment line above it: `// candidate {"query":...,"golden":...}`. */
const NOTE_PREFIX = "candidate ";
const NOTE_LINE = /^\/\/ candidate (\{.*\})$/gm;

/**
 * The candidates a run kept for one case module (__golden__/.pending/<name>.snap): the golden
 * files' format, each entry with a note line. Written atomically, as golden files are; a file left
 * with no entries is removed.
 */
export class CandidateFile {
  private dirty = false;

  private constructor(
    readonly path: string,
    private readonly entries: Map<string, Candidate>,
  ) {}

  /** The file at `path` (none there: no entries). A file that is not a candidate file is a GoldenFileError. */
  static read(path: string): CandidateFile {
    const bytes = readIfThere(path);
    return bytes ? CandidateFile.parse(bytes, path) : new CandidateFile(path, new Map());
  }

  /** A candidate file's bytes, read from elsewhere (a CI artifact); `path` names it in messages and is where it saves. */
  static parse(bytes: Buffer, path: string): CandidateFile {
    const bodies = parseGolden(decodeGolden(bytes, path), path);
    const notes = parseNotes(bytes.toString("utf8"), path);
    const entries = new Map<string, Candidate>();
    for (const [key, body] of bodies) {
      const note = notes.get(key);
      if (!note) {
        throw new GoldenFileError(
          `${path}: the entry "${key}" has no "// candidate" line above it, so it is not a candidate a run kept ` +
            "(a golden file, or one kept before review-goldens existed). Run the case again to keep a fresh one.",
        );
      }
      entries.set(key, { body, note });
    }
    return new CandidateFile(path, entries);
  }

  /** No entries, replacing whatever is at `path` (an unreadable file) when saved. */
  static empty(path: string): CandidateFile {
    const file = new CandidateFile(path, new Map());
    file.dirty = true;
    return file;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  get(key: string): Candidate | undefined {
    return this.entries.get(key);
  }

  set(key: string, candidate: Candidate): void {
    this.entries.set(key, candidate);
    this.dirty = true;
  }

  delete(key: string): void {
    this.dirty = this.entries.delete(key) || this.dirty;
  }

  save(): void {
    if (!this.dirty) return;
    const bodies = new Map([...this.entries].map(([key, c]) => [key, c.body]));
    saveEntries(
      this.path,
      bodies,
      (key) => NOTE_PREFIX + JSON.stringify({ query: key, ...this.entries.get(key)!.note }),
    );
    this.dirty = false;
  }
}

function parseNotes(text: string, path: string): Map<string, CandidateNote> {
  const notes = new Map<string, CandidateNote>();
  for (const [line, json] of text.replace(/\r\n/g, "\n").matchAll(NOTE_LINE)) {
    let note: unknown;
    try {
      note = JSON.parse(json!);
    } catch {
      note = undefined;
    }
    if (!isCandidateNote(note)) {
      throw new GoldenFileError(
        `${path}: not a candidate's note: ${JSON.stringify(line.slice(0, 80))}. Run the case again to keep a fresh candidate.`,
      );
    }
    const { query, ...rest } = note;
    notes.set(query, rest);
  }
  return notes;
}

function isCandidateNote(v: unknown): v is CandidateNote & { query: string } {
  if (!isObject(v as Json)) return false;
  const { query, golden, oracle, tolerance, caseModule } = v as Record<string, unknown>;
  return (
    typeof query === "string" &&
    (golden === null || typeof golden === "string") &&
    (oracle === "passed" || oracle === "none") &&
    (tolerance === undefined || isObject(tolerance as Json)) &&
    (caseModule === undefined || typeof caseModule === "string")
  );
}

/**
 * What a candidate remembers of the golden it was compared with: a hash of its value, keys sorted
 * (goldens are compared as values, so laying one out anew or reordering its keys changes nothing),
 * or of its text when it is not JSON; null for no golden.
 */
/** A hash of a case module's text, or null when there is none. */
export function caseModuleFingerprint(caseFile: string): string | null {
  const text = readIfThere(caseFile);
  return text === undefined ? null : `sha256:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
}

export function goldenFingerprint(body: string | undefined): string | null {
  if (body === undefined) return null;
  const parsed = parseGoldenBody(body);
  const text = parsed.ok ? `json:${canonical(parsed.value)}` : `text:${body}`;
  return `sha256:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
}

const canonical = (v: Json): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(",")}]`
    : isObject(v)
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical(v[k]!)}`)
          .join(",")}}`
      : JSON.stringify(v);
