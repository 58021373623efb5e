import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs as parseCommandLine } from "node:util";
import { ReportInputError } from "./git-goldens";
import { renderHtml } from "./html";
import { renderMarkdown } from "./markdown";
import { buildReport } from "./report";

export const USAGE = `usage: npm run golden-report [-- --base <git ref>] [--html <file>]

Compares every golden in __golden__/ at the base commit with the working tree, from the files
alone (no VictoriaMetrics). Markdown goes to stdout, and is appended to $GITHUB_STEP_SUMMARY when
that is set; --html also writes the report as one self-contained HTML file.

  --base <ref>   the commit to compare with; default: the merge base of HEAD with origin/main
                 when that exists, else with main
  --html <file>  also write the report as HTML (inline SVG charts, nothing loaded from outside)`;

const OPTIONS = {
  base: { type: "string" },
  html: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface CliOptions {
  base?: string;
  html?: string;
}

/** The command line, checked at the edge (node's util.parseArgs): a mistake says what is accepted. */
export function parseArgs(argv: string[]): CliOptions | "help" {
  let values: { base?: string; html?: string; help?: boolean };
  try {
    values = parseCommandLine({ args: argv, options: OPTIONS }).values;
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    const named = /'(--?[\w-]+|[^']+)/.exec(message)?.[1] ?? argv.join(" ");
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      throw new ReportInputError(`golden-report: ${named} needs a value.\n${USAGE}`);
    throw new ReportInputError(`golden-report: unknown argument ${JSON.stringify(named)}.\n${USAGE}`);
  }
  if (values.help) return "help";
  for (const flag of ["base", "html"] as const) {
    // `--html ""` passes parseArgs, and is as missing as `--html` alone.
    if (values[flag] === "") throw new ReportInputError(`golden-report: --${flag} needs a value.\n${USAGE}`);
  }
  const { base, html } = values;
  return { ...(base === undefined ? {} : { base }), ...(html === undefined ? {} : { html }) };
}

export interface CliIo {
  root: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs the report; returns the exit code (0 even when a golden could not be read: the report says so). */
export function main(argv: string[], io: CliIo): number {
  try {
    const options = parseArgs(argv);
    if (options === "help") {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const { report, header } = buildReport({
      root: io.root,
      ...(options.base !== undefined ? { base: options.base } : {}),
    });
    const markdown = renderMarkdown(report, header);
    io.stdout(markdown);
    const summary = io.env.GITHUB_STEP_SUMMARY;
    if (summary) appendFileSync(summary, `${markdown}\n`);
    if (options.html) {
      const path = resolve(io.cwd, options.html);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, renderHtml(report, header));
      io.stderr(`golden-report: wrote ${path}\n`);
    }
    for (const p of report.problems)
      io.stderr(
        `golden-report: could not read ${p.file}${p.query ? ` entry ${p.query}` : ""} (${p.side === "before" ? "base" : "working tree"}); the report says so and goes on without it.\n`,
      );
    return 0;
  } catch (err) {
    if (err instanceof ReportInputError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    root: resolve(__dirname, "../.."),
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
