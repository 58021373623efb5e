#!/usr/bin/env node
// `npm test` (type-check, then jest) and `npm run update-goldens` (jest -u). Plain CommonJS, so it
// starts in milliseconds without a TypeScript loader. npm forwards SIGINT and SIGTERM only to the
// process it started: this one passes them on to its child, so a signal to npm alone stops the
// whole run (jest dies, and VictoriaMetrics' reaper cleans up) instead of orphaning it.
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
  // later run would check everything again; a passing check is as new as its newest input.
  passed: () => existsSync(buildInfo) && utimesSync(buildInfo, new Date(), new Date()),
};
const jest = {
  name: "jest",
  argv: [bin("jest", "bin/jest.js"), ...(update ? ["--ci=false", "-u"] : []), ...args],
  // jest reads jest.config.ts through ts-node, which type-checks it first (2-3 s here); the
  // type-check above covers that file, so ts-node only has to transpile it.
  env: { TS_NODE_TRANSPILE_ONLY: "true" },
};
const steps = update ? [jest] : [typeCheck, jest];

let child;
let stoppedBy;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stoppedBy = signal;
    child?.kill(signal);
  });
}

function run([step, ...rest]) {
  if (!step) return process.exit(0);
  child = spawn(process.execPath, step.argv, { stdio: "inherit", cwd: root, env: { ...process.env, ...step.env } });
  child.on("exit", (code, signal) => {
    if (stoppedBy || signal) {
      // End as the signal would have ended us, so npm and the shell see why.
      process.removeAllListeners(stoppedBy ?? signal);
      return process.kill(process.pid, stoppedBy ?? signal);
    }
    if (code !== 0) {
      if (step === typeCheck) process.stderr.write(`\nnpm test: ${step.name} failed, so jest did not run.\n`);
      return process.exit(code ?? 1);
    }
    step.passed?.();
    run(rest);
  });
}

run(steps);
