import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs as parseCommandLine } from "node:util";
import { casesDirOf, fromRoot, goldenDirOf } from "../golden/layout";
import { UserError } from "../user-error";
import { acceptCandidates, loadCandidates, refuseStale, rejectCandidates, type ReviewItem } from "./candidates";
import { reviewInteractively, type Terminal } from "./interactive";
import { parsePattern, PATTERN_HELP, select } from "./pattern";
import { ReviewError } from "./review-error";
import { candidateLine } from "./review-screen";

export const USAGE = `usage: npm run review-goldens [-- [--from <folder or zip>] [--list | --accept <pattern> | --reject <pattern>] [pattern ...]]

Reviews the candidates a run kept in __golden__/.pending/ (answers that differ from their golden
beyond tolerance, or have none in CI), query by query: accept one into its golden file, reject it
(its candidate is deleted), or skip it (kept for later). No VictoriaMetrics is needed.

  (no option)             the interactive review, in a terminal
  --list                  one line per candidate: what changed, the oracle's verdict, or why it is stale
  --accept <pattern>      writes the matching candidates into their golden files (repeatable)
  --reject <pattern>      deletes the matching candidates (repeatable)
  --from <folder or zip>  the candidates of a CI run (the golden-candidates artifact), reviewed
                          against this working tree's goldens; the artifact itself is only read
  pattern ...             review or list only the matching candidates

${PATTERN_HELP[0]!.toUpperCase()}${PATTERN_HELP.slice(1)}.`;

/** A command line that cannot be run as typed. */
class ReviewUsageError extends ReviewError {
  override name = "ReviewUsageError";
}

export interface ReviewOptions {
  from?: string;
  list: boolean;
  accept: string[];
  reject: string[];
  patterns: string[];
}

const OPTIONS = {
  from: { type: "string" },
  list: { type: "boolean" },
  accept: { type: "string", multiple: true },
  reject: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

export function parseArgs(argv: string[]): ReviewOptions | "help" {
  let parsed: ReturnType<typeof parseCommandLine<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseCommandLine({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    const named = /'(--?[\w-]+|[^']+)/.exec(message)?.[1] ?? argv.join(" ");
    const what =
      code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
        ? `${named} needs a value`
        : `unknown argument ${JSON.stringify(named)}`;
    throw new ReviewUsageError(`review-goldens: ${what}.\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (values.from === "") throw new ReviewUsageError(`review-goldens: --from needs a value.\n${USAGE}`);
  const options: ReviewOptions = {
    list: values.list ?? false,
    accept: values.accept ?? [],
    reject: values.reject ?? [],
    patterns: positionals,
    ...(values.from === undefined ? {} : { from: values.from }),
  };
  if (options.list && options.accept.length + options.reject.length > 0) {
    throw new ReviewUsageError(`review-goldens: --list only lists; give --accept and --reject without it.\n${USAGE}`);
  }
  return options;
}

export interface ReviewIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The terminal to review in; undefined when stdin or stdout is not a terminal. */
  terminal?: Terminal;
}

/** Runs the command; returns the exit code: 0 done, 1 a review that cannot go on as asked, 2 a command line to fix. */
export async function main(argv: string[], io: ReviewIo): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options === "help") {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    return await run(options, io);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    io.stderr(`${err.message}\n`);
    return err instanceof ReviewUsageError ? 2 : 1;
  }
}

async function run(options: ReviewOptions, io: ReviewIo): Promise<number> {
  const root = projectRoot(io.cwd);
  const set = loadCandidates(root, { ...(options.from === undefined ? {} : { from: options.from }), cwd: io.cwd });
  const inScope = options.patterns.length > 0 ? select(set.items, options.patterns.map(parsePattern)) : set.items;
  const count = (n: number) => `${n} candidate${n === 1 ? "" : "s"}`;

  if (options.list) {
    io.stdout(
      `${count(inScope.length)} in ${set.where}${inScope.length ? ":" : "."}\n` +
        inScope.map((item) => `  ${candidateLine(item)}\n`).join(""),
    );
    return 0;
  }
  if (inScope.length === 0) {
    throw new ReviewError(
      `review-goldens: no candidates in ${set.where}, so nothing to review. A run keeps one where an answer differs ` +
        "from its golden beyond tolerance (npm test), or has no golden in CI (CI=true npm test).",
    );
  }

  if (options.accept.length + options.reject.length > 0) {
    const toAccept = options.accept.length ? select(inScope, options.accept.map(parsePattern)) : [];
    const toReject = options.reject.length ? select(inScope, options.reject.map(parsePattern)) : [];
    const both = toAccept.filter((item) => toReject.includes(item));
    if (both.length > 0) {
      throw new ReviewUsageError(
        `review-goldens: ${both.map((item) => item.id).join(", ")} matched both --accept and --reject; say which.`,
      );
    }
    const written = await acceptCandidates(root, toAccept);
    rejectCandidates(root, toReject);
    io.stdout(
      [
        ...toAccept.map((item) => `accepted ${item.id} → ${relativeGolden(root, item)}\n`),
        ...toReject.map((item) => `rejected ${item.id}${item.fromArtifact ? " (the artifact is only read)" : ""}\n`),
        closing(toAccept.length, toReject.length, written),
      ].join(""),
    );
    return 0;
  }

  if (!io.terminal) {
    throw new ReviewUsageError(
      "review-goldens: the interactive review needs a terminal, and stdin or stdout is not one. " +
        "In a script: --list, --accept <pattern> or --reject <pattern> (npm run review-goldens -- --help).",
    );
  }
  refuseStale(inScope, "review");
  const tally = await reviewInteractively({ ...set, items: inScope }, io.terminal);
  io.stdout(
    `review-goldens: ${tally.accepted.length} accepted, ${tally.rejected.length} rejected, ` +
      `${tally.skipped.length} skipped${tally.left.length ? `, ${tally.left.length} not reviewed (quit)` : ""}.\n` +
      closing(tally.accepted.length, tally.rejected.length, tally.written),
  );
  return 0;
}

const relativeGolden = (root: string, item: ReviewItem) => fromRoot(root, item.goldenFile);

function closing(accepted: number, rejected: number, written: string[]): string {
  if (accepted === 0) return rejected === 0 ? "" : "No golden was changed.\n";
  return `Written: ${written.join(", ")}. Check them with npm test, then commit them.\n`;
}

/** The project: the nearest folder, from `cwd` up, that holds cases/ or __golden__/ (as npm runs scripts in its root). */
export function projectRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(casesDirOf(dir)) || existsSync(goldenDirOf(dir))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new ReviewError(
    `review-goldens: ${cwd} is not inside a golden-suite project (no cases/ or __golden__/ in it or above it). Run it in the project.`,
  );
}

if (require.main === module) {
  const tty = process.stdin.isTTY && process.stdout.isTTY;
  const terminal: Terminal | undefined = tty
    ? {
        input: process.stdin,
        write: (text) => process.stdout.write(text),
        size: () => ({ columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 }),
      }
    : undefined;
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    ...(terminal ? { terminal } : {}),
  }).then((code) => (process.exitCode = code));
}
