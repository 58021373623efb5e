import { readFileSync, rmSync } from "node:fs";
import { UserError } from "../user-error";
import { writeFileAtomic } from "./atomic-write";
import type { Json } from "./json";

/** jest's snapshot header: editors and jest tooling recognise the files as snapshots. */
export const GOLDEN_HEADER = "// Jest Snapshot v1, https://goo.gl/fbAQLP";

export class GoldenFileError extends UserError {
  override name = "GoldenFileError";
}

const ENTRY = /exports\[`((?:[^`\\]|\\.)*)`\] = `((?:[^`\\]|\\.)*)`;/gs;
const escape = (s: string) => s.replace(/`|\\|\$\{/g, "\\$&");
const unescape = (s: string) => s.replace(/\\(.)/gs, "$1");
/** Names in the order golden files keep their entries: `range 2` before `range 10`. */
export const byEntryName = new Intl.Collator("en", { numeric: true }).compare;

/**
 * One golden file: entries keyed by query name, in jest's snapshot format. Reading never
 * evaluates the file; writing is atomic (a temp file renamed over the old one), so an
 * interrupted update leaves the old file or the new one, never half of either.
 */
export class GoldenFile {
  private readonly entries: Map<string, string>;
  private dirty = false;

  private constructor(
    readonly path: string,
    entries: Map<string, string>,
  ) {
    this.entries = entries;
  }

  /** The file at `path`, or an empty one if there is none. */
  static read(path: string): GoldenFile {
    const bytes = readIfThere(path);
    return new GoldenFile(path, bytes ? parseGolden(decodeGolden(bytes, path), path) : new Map());
  }

  /** A file with no entries at `path`, whatever is there now: saving it replaces the file. */
  static empty(path: string): GoldenFile {
    // Not marked changed: the file is replaced only once an entry is written into it, so a run
    // whose queries all fail leaves the unreadable file as it was (and never removes it).
    return new GoldenFile(path, new Map());
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, body: string): void {
    if (this.entries.get(key) === body) return;
    this.entries.set(key, body);
    this.dirty = true;
  }

  delete(key: string): void {
    this.dirty = this.entries.delete(key) || this.dirty;
  }

  /** Writes the file if anything changed; a file left with no entries is removed. */
  save(): void {
    if (!this.dirty) return;
    saveEntries(this.path, this.entries);
    this.dirty = false;
  }
}

/**
 * Writes entries in the golden files' format atomically (a temp file renamed over the old one),
 * or removes the file when there are none. `noteFor` gives a comment line to put above an entry.
 */
export function saveEntries(
  path: string,
  entries: ReadonlyMap<string, string>,
  noteFor?: (key: string) => string | undefined,
): void {
  if (entries.size === 0) {
    rmSync(path, { force: true });
    return;
  }
  writeFileAtomic(path, serializeGolden(entries, noteFor));
}

/** A file's bytes, or undefined when there is no file. */
export function readIfThere(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** One entry's body as JSON; a hand-edited golden may not be JSON any more, and then says why. */
export function parseGoldenBody(body: string): { ok: true; value: Json } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(body) as Json };
  } catch (err) {
    return { ok: false, message: `the body is not JSON (${(err as Error).message})` };
  }
}

export function serializeGolden(
  entries: ReadonlyMap<string, string>,
  noteFor: (key: string) => string | undefined = () => undefined,
): string {
  const body = [...entries.keys()].sort(byEntryName).map((key) => {
    const note = noteFor(key);
    return `${note === undefined ? "" : `// ${note}\n`}exports[\`${escape(key)}\`] = \`\n${escape(entries.get(key)!)}\n\`;`;
  });
  return `${GOLDEN_HEADER}\n\n${body.join("\n\n")}\n`;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A golden file is UTF-8 text; an editor that saved it as UTF-16 (or anything else) is named, not shown as garbage. */
export function decodeGolden(bytes: Buffer, path: string): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  let text: string | undefined;
  try {
    text = utf16 || bytes.includes(0) ? undefined : UTF8.decode(bytes);
  } catch {
    // not UTF-8
  }
  if (text === undefined) {
    throw new GoldenFileError(
      `${path}: not UTF-8 text${utf16 ? " (it is UTF-16: an editor saved it so)" : ""}. ` +
        "Golden files are UTF-8; restore it from git, or rewrite it with `npm run update-goldens`.",
    );
  }
  return text;
}

/** A line git leaves in a file where a merge conflicted. */
const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(\s|$)/m;

/**
 * Parses a golden file's text; anything between entries but comments is an error naming the
 * line, and so is a merge conflict left inside an entry. Windows line ends read as Unix ones
 * (a checkout with core.autocrlf must not fail every query; .gitattributes asks for LF).
 */
export function parseGolden(original: string, path: string): Map<string, string> {
  const text = original.replace(/\r\n/g, "\n");
  const entries = new Map<string, string>();
  const lineAt = (offset: number) => text.slice(0, offset).split("\n").length;
  let cursor = 0;
  const checkGap = (end: number) => {
    const gap = text.slice(cursor, end);
    const offset = gap.split("\n").findIndex((line) => line.trim() !== "" && !line.trim().startsWith("//"));
    if (offset < 0) return;
    const line = text.slice(0, cursor).split("\n").length + offset;
    throw new GoldenFileError(
      `${path}:${line}: not a golden entry: ${JSON.stringify(gap.split("\n")[offset]!.trim().slice(0, 60))}. ` +
        "Each entry is exports[`query name`] = `...`; restore the file from git, or rewrite it with `npm run update-goldens`.",
    );
  };
  for (const match of text.matchAll(ENTRY)) {
    checkGap(match.index);
    const conflict = CONFLICT_MARKER.exec(match[0]);
    if (conflict) {
      throw new GoldenFileError(
        `${path}:${lineAt(match.index + conflict.index)}: a merge conflict inside the entry for "${unescape(match[1]!)}" (${conflict[1]}). ` +
          "Resolve it, or rewrite the file with `npm run update-goldens`.",
      );
    }
    const body = unescape(match[2]!);
    entries.set(unescape(match[1]!), body.startsWith("\n") && body.endsWith("\n") ? body.slice(1, -1) : body);
    cursor = match.index + match[0].length;
  }
  checkGap(text.length);
  return entries;
}
