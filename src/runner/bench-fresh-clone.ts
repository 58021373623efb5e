// How long `npm test` takes on a fresh clone, against a base commit timed in the same run: these
// machines' speed moves by half within an hour, so only a ratio measured side by side carries
// over. Each run clones this checkout's HEAD and the base into scratch dirs, installs each with
// `npm ci` (untimed), and times `CI=true npm test`, in turns, each with a TMPDIR of its own, so
// that jest's cache and tsx's start cold as on a new machine (the type-check's record, the format
// check's cache and the transform's store are in the clone's node_modules, cold too).
// Usage: bin/bench-fresh-clone [--base REV] [--runs R=3]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { median } from "../vm/median";
import { machineLine, seconds, timed } from "./bench-timing";

const ROOT = resolve(__dirname, "../..");
/** main as issue #10 found it, when a fresh clone's `npm test` took 91 s (README, How fast: a fresh clone). */
const DEFAULT_BASE = "ddad3cf";

const usage = "usage: bin/bench-fresh-clone [--base REV] [--runs R=3]   (R a whole number >= 1)";
function refuse(why: string): never {
  console.error(`bin/bench-fresh-clone: ${why}\n${usage}`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      options: { base: { type: "string", default: DEFAULT_BASE }, runs: { type: "string", default: "3" } },
    }).values;
  } catch (err) {
    return refuse((err as Error).message);
  }
}
const values = readArgs();
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) refuse(`--runs is '${values.runs}'.`);

const short = (commit: string) => commit.slice(0, 7);
const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();

/** A commit of this repository by any name git takes, or a message saying it is not one. */
function commitOf(rev: string): string {
  try {
    return git("rev-parse", "--verify", "--quiet", `${rev}^{commit}`);
  } catch {
    return refuse(`'${rev}' is not a commit of this repository.`);
  }
}

/** `npm ci` then `CI=true npm test` in a fresh clone of `commit`; the test's wall time. */
function freshCloneTest(commit: string): number {
  const dir = mkdtempSync(join(tmpdir(), "bench-fresh-clone-"));
  try {
    const clone = join(dir, "clone");
    const env = { TMPDIR: join(dir, "tmp"), CI: "true" };
    mkdirSync(env.TMPDIR);
    execFileSync("git", ["clone", "--quiet", "--no-checkout", ROOT, clone]);
    execFileSync("git", ["checkout", "--quiet", commit], { cwd: clone });
    timed(`npm ci at ${short(commit)}`, "npm", ["ci"], clone, env);
    return timed(`npm test at ${short(commit)}`, "npm", ["test"], clone, env).ms;
  } finally {
    try {
      // A VictoriaMetrics still stopping (its reaper outlives a failed run by a moment) writes there.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    } catch (err) {
      console.error(`bin/bench-fresh-clone: could not remove ${dir}: ${(err as Error).message}`);
    }
  }
}

function main(): void {
  const head = commitOf("HEAD");
  const base = commitOf(values.base!);
  console.log(
    `bench-fresh-clone: HEAD ${short(head)} against base ${short(base)}; ${runs} runs, each a fresh clone of both, in turns` +
      (git("status", "--porcelain") ? " (uncommitted changes are not in the clones)" : ""),
  );
  console.log(machineLine());
  const headMs: number[] = [];
  const baseMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    // Alternate which goes first, so that drift in the machine's speed falls on both.
    if (r % 2 === 0) {
      headMs.push(freshCloneTest(head));
      baseMs.push(freshCloneTest(base));
    } else {
      baseMs.push(freshCloneTest(base));
      headMs.push(freshCloneTest(head));
    }
    console.log(
      `run ${r + 1}: HEAD ${seconds(headMs[r]!)}, base ${seconds(baseMs[r]!)}, ratio ${(headMs[r]! / baseMs[r]!).toFixed(3)}`,
    );
  }
  const ratios = headMs.map((ms, r) => ms / baseMs[r]!);
  console.log(`\nfresh clone, CI=true npm test after npm ci:`);
  console.log(`HEAD ${short(head)}: median ${seconds(median(headMs))} (per run: ${headMs.map(seconds).join(", ")})`);
  console.log(`base ${short(base)}: median ${seconds(median(baseMs))} (per run: ${baseMs.map(seconds).join(", ")})`);
  console.log(
    `ratio HEAD / base: median ${median(ratios).toFixed(3)} (per run: ${ratios.map((x) => x.toFixed(3)).join(", ")})`,
  );
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
