import { spawn } from "node:child_process";
import { constants, tmpdir } from "node:os";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { RUN_TEMP_PREFIXES } from "../runner/suite-run";
import { sweepOrphans } from "../run/temp-dirs";
import { UserError } from "../user-error";
import { findVmBinary } from "../vm/binary";
import { endpointsFromEnv } from "../vm/endpoints";
import { EQUIVALENT_MUTANTS } from "./equivalent-mutants";
import { formatSummary, passes, summarize, type MutationReport } from "./summary";

export const USAGE = `usage: npm run mutate [-- <stryker run options>]

Mutation testing of the reference API: StrykerJS (stryker.config.mjs) changes the query and
post-processing code of src/api one mutant at a time and runs the case suite against each; at the
end it prints the score and every mutant no case caught. Minutes of work for every CPU.

  npm run mutate                                    everything in stryker.config.mjs
  npm run mutate -- --mutate src/api/points.ts      one file
  npm run mutate -- --mutate src/api/points.ts:80-95   some lines (several: comma-separated)
  npm run mutate -- --concurrency 1                 one test runner process (default: one per CPU)

Any other option of \`stryker run\` is passed on. Exit status 1 when the score is under the target
or an entry of src/mutate/equivalent-mutants.ts no longer holds.`;

/** Stryker's files, relative to the project root (stryker.config.mjs; Stryker's defaults). */
const STRYKER_BIN = "node_modules/@stryker-mutator/core/bin/stryker.js";
const JSON_REPORT = "reports/mutation/mutation.json";
const HTML_REPORT = "reports/mutation/mutation.html";
const SANDBOXES = ".stryker-tmp";
const LIST_FILE = "src/mutate/equivalent-mutants.ts";

export class MutateError extends UserError {
  override name = "MutateError";
}

/** The environment Stryker's test runners need: the binary, which the sandbox has no .vm/ for. */
function strykerEnv(env: NodeJS.ProcessEnv, say: (line: string) => void): NodeJS.ProcessEnv {
  if (endpointsFromEnv(env)) {
    say("VictoriaMetrics: the server the environment names (VM_URL or the cluster variables)");
    return env;
  }
  const binary = findVmBinary(env);
  say(`VictoriaMetrics: ${binary.path} (${binary.source}), one server per Stryker test runner process`);
  return { ...env, VM_BIN: resolve(binary.path) };
}

/** How Stryker's run ended: its exit status, and the signal that stopped it (ours, passed on, or its own). */
interface Ended {
  code: number;
  signal?: NodeJS.Signals;
}

/**
 * Runs Stryker in a process group of its own and passes our signals to the whole group (npm gives
 * them to us alone). Stryker can exit before its test runner processes have: when it ends, what is
 * left of the group is killed, so that nothing writes into a sandbox after it is removed.
 */
function runStryker(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<Ended> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, STRYKER_BIN), "run", ...args], {
      cwd: root,
      env,
      stdio: "inherit",
      detached: true,
    });
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is gone
      }
    };
    let received: NodeJS.Signals | undefined;
    const pass = (signal: NodeJS.Signals) => {
      received = signal;
      group(signal);
    };
    const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of signals) process.on(signal, pass);
    child.on("error", fail);
    child.on("close", (code, signal) => {
      for (const s of signals) process.off(s, pass);
      group("SIGKILL");
      const stoppedBy = signal ?? received;
      const status = code ?? 128 + constants.signals[stoppedBy ?? "SIGTERM"];
      done(stoppedBy ? { code: status, signal: stoppedBy } : { code: status });
    });
  });
}

/** Plain paths in `--mutate` (no glob) that name no file: a typo, refused before minutes of work. */
export function checkMutatePaths(argv: string[], root: string): void {
  const patterns = argv.flatMap((arg, i) =>
    arg === "--mutate" || arg === "-m"
      ? (argv[i + 1] ?? "").split(",")
      : arg.startsWith("--mutate=")
        ? arg.slice(9).split(",")
        : [],
  );
  for (const pattern of patterns) {
    const path = pattern.replace(/:\d+(?::\d+)?-\d+(?::\d+)?$/, "");
    if (/[*?[\]{}!]/.test(path) || existsSync(join(root, path))) continue;
    throw new MutateError(
      `--mutate ${pattern}: ${path} is no file of the project. Give paths from the project root, a glob, or ` +
        "a file with lines: src/api/points.ts, 'src/api/*.ts', src/api/points.ts:80-95 (several: comma-separated).",
    );
  }
}

export async function main(argv: string[], root: string): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  checkMutatePaths(argv, root);
  const env = strykerEnv(process.env, (line) => process.stdout.write(`${line}\n`));
  const report = join(root, JSON_REPORT);
  // A report left by an earlier run must never be read as this run's.
  rmSync(report, { force: true });
  // Stryker ends its test runners by killing their process trees, the suite's reapers with them:
  // a VictoriaMetrics' storage dir would stay behind. Every temp dir of the run is made in this one.
  const temp = mkdtempSync(join(tmpdir(), "golden-mutate-"));
  let ended: Ended;
  try {
    ended = await runStryker(root, argv, { ...env, TMPDIR: temp });
  } finally {
    rmSync(temp, { recursive: true, force: true });
    // Stryker removes its sandboxes itself (cleanTempDir: "always") unless it was killed; a run
    // stopped before its teardown leaves a record dir, which the suite's own sweep removes.
    rmSync(join(root, SANDBOXES), { recursive: true, force: true });
    sweepOrphans(RUN_TEMP_PREFIXES);
  }
  if (ended.signal) {
    process.stderr.write(`mutate: stopped (${ended.signal}); its sandboxes and servers are gone.\n`);
    return ended.code;
  }
  if (!existsSync(report)) {
    throw new MutateError(
      `Stryker ended (exit status ${ended.code}) without writing ${JSON_REPORT}: its messages above say why.`,
      { hint: "`npm run mutate -- --help` shows how to run it." },
    );
  }
  const summary = summarize(JSON.parse(readFileSync(report, "utf8")) as MutationReport, EQUIVALENT_MUTANTS);
  if (summary.total === 0) {
    throw new MutateError(
      "Stryker found nothing to mutate: the --mutate patterns (or stryker.config.mjs' mutate) match no code.",
    );
  }
  process.stdout.write(
    `\n${formatSummary(summary, { listFile: LIST_FILE, htmlReport: relative(process.cwd(), join(root, HTML_REPORT)) })}\n`,
  );
  return ended.code !== 0 ? ended.code : passes(summary) ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2), resolve(__dirname, "../..")).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      if (!(err instanceof UserError)) throw err;
      process.stderr.write(`mutate: ${err.message}\n`);
      process.exitCode = 2;
    },
  );
}
