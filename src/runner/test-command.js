#!/usr/bin/env node
// `npm test` (the checks, then jest) and `npm run update-goldens` (jest -u). Plain CommonJS, so it
// starts in milliseconds without a TypeScript loader. npm forwards SIGINT and SIGTERM only to the
// process it started: this one passes them on to its children, so a signal to npm alone stops
// the whole run (jest dies, and VictoriaMetrics' reaper cleans up) instead of orphaning it.
// Usage: node src/runner/test-command.js [--update] [jest arguments...]
"use strict";
const { spawn } = require("node:child_process");
const { existsSync, utimesSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "../..");
const bin = (pkg, file) => join(root, "node_modules", pkg, file);
const args = process.argv.slice(2);
const update = args[0] === "--update";
if (update) args.shift();

// `tsc -b` checks only what changed since the last passing check (its record is in
// node_modules/.cache, see tsconfig.json): a warm type-check costs a fraction of a second.
const buildInfo = join(root, "node_modules/.cache/tsc/tsconfig.tsbuildinfo");
const typeCheck = {
  name: "the type-check (tsc -b)",
  argv: [bin("typescript", "bin/tsc"), "-b"],
  // With noEmit, a check that finds nothing new leaves its record's time as it was, and every
  // later run would check everything again. A passing check is as new as the moment it started:
  // a file saved while it ran is newer, and is checked next time.
  passed: (startedAt) => existsSync(buildInfo) && utimesSync(buildInfo, startedAt, startedAt),
};
// prettier's cache (node_modules/.cache/prettier) rereads only the files that changed.
const formatCheck = {
  name: "the format check (prettier --check; `npx prettier --write <file>` formats a file)",
  argv: [
    bin("prettier", "bin/prettier.cjs"),
    "--check",
    "--cache",
    "--log-level",
    "warn",
    "src/**/*.{ts,js}",
    "cases/**/*.ts",
    "jest.config.js",
  ],
};
const jest = {
  name: "jest",
  argv: [bin("jest", "bin/jest.js"), ...(update ? ["--ci=false", "-u"] : []), ...args],
  inherit: true,
};
// Each stage's steps run at once; a stage runs when the one before it passed.
const stages = update ? [[jest]] : [[typeCheck, formatCheck], [jest]];

const running = new Set();
let stoppedBy;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stoppedBy = signal;
    for (const child of running) child.kill(signal);
  });
}

/** Runs a step; the checks' output is held and printed whole, so two checks never interleave. */
function run(step) {
  return new Promise((done) => {
    const child = spawn(process.execPath, step.argv, {
      stdio: step.inherit ? "inherit" : ["ignore", "pipe", "pipe"],
      cwd: root,
    });
    running.add(child);
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("close", (code, signal) => {
      running.delete(child);
      done({ step, code, signal, output });
    });
  });
}

async function main() {
  for (const stage of stages) {
    const startedAt = new Date();
    const results = await Promise.all(stage.map(run));
    // Each check that passed keeps its record, whatever the other did.
    for (const r of results) if (r.code === 0) r.step.passed?.(startedAt);
    if (stoppedBy || results.some((r) => r.signal)) {
      // End as the signal would have ended us, so npm and the shell see why.
      const signal = stoppedBy ?? results.find((r) => r.signal).signal;
      process.removeAllListeners(signal);
      return process.kill(process.pid, signal);
    }
    for (const r of results) process.stdout.write(r.output);
    const failed = results.filter((r) => r.code !== 0);
    if (failed.length) {
      if (stage.includes(jest)) return process.exit(failed[0].code ?? 1);
      process.stderr.write(
        `\nnpm test: ${failed.map((r) => r.step.name).join(" and ")} failed, so jest did not run.\n`,
      );
      return process.exit(failed[0].code ?? 1);
    }
  }
  process.exit(0);
}

main();
