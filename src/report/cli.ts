import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
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

export interface CliOptions {
  base?: string;
  html?: string;
}

/** The command line, checked at the edge: a mistake says what is accepted. */
export function parseArgs(argv: string[]): CliOptions | "help" {
  const options: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") return "help";
    const [flag, inlineValue] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag !== "--base" && flag !== "--html") throw new ReportInputError(`golden-report: unknown argument ${JSON.stringify(arg)}.\n${USAGE}`);
    const value = inlineValue ?? argv[++i];
    if (value === undefined || value === "") throw new ReportInputError(`golden-report: ${flag} needs a value.\n${USAGE}`);
    options[flag === "--base" ? "base" : "html"] = value;
  }
  return options;
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
    const { report, header } = buildReport({ root: io.root, ...(options.base !== undefined ? { base: options.base } : {}) });
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
    for (const p of report.problems) io.stderr(`golden-report: could not read ${p.file}${p.query ? ` entry ${p.query}` : ""} (${p.side === "before" ? "base" : "working tree"}); the report says so and goes on without it.\n`);
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
