#!/usr/bin/env node
// `npm test` (the checks beside jest) and `npm run update-goldens` (jest -u). Plain CommonJS, so
// it starts in milliseconds without a TypeScript loader. npm forwards SIGINT and SIGTERM only to
// the process it started: this one passes them on to its children, so a signal to npm alone
// stops the whole run (jest dies, and VictoriaMetrics' reaper cleans up) instead of orphaning it.
// Usage: node src/runner/test-command.js [--update] [jest arguments...]
"use strict";
const { spawn } = require("node:child_process");
const { existsSync, utimesSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "../..");
const bin = (pkg, file) => join(root, "node_modules", pkg, file);

// TypeScript 7's `tsc -b` (the package typescript-native; README, Decisions): a cold check (a
// fresh clone's) costs a sixth of the CPU 5.9's does, and a warm one checks only what changed
// since the last passing check (its record is in node_modules/.cache, see tsconfig.json).
const buildInfo = join(root, "node_modules/.cache/tsc/tsconfig.tsbuildinfo");
const typeCheck = {
  name: "the type-check (tsc -b)",
  argv: [bin("typescript-native", "bin/tsc"), "-b"],
  // A passing check is as new as the moment it started, not as the moment its record was
  // written: a file saved while it ran is newer, and is checked next time.
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
const jestStep = (jestArgs) => ({
  name: "jest",
  argv: [bin("jest", "bin/jest.js"), ...jestArgs],
  inherit: true,
  // Its own process group (see runSteps), except in watch mode, which reads the terminal.
  group: !jestArgs.some((arg) => /^--watch(All)?(=|$)/.test(arg)),
});

/**
 * Runs the checks and jest at once: the checks take one core for a moment (on a fresh clone, the
 * cold format check about 5 s) while jest's run waits on VictoriaMetrics and child processes. A
 * check that fails stops jest at once and is reported whole; the checks' output is held, so it
 * never interleaves with jest's. Resolves with the exit code, or the signal that stopped the run.
 */
function runSteps(checks, jest, { write = (text) => process.stdout.write(text) } = {}) {
  // jest's workers, and what they start, are jest's children: a signal to jest alone would
  // leave them running. A step with `group` runs in a process group of its own, stopped whole.
  const groups = new WeakSet();
  const stop = (child, signal) => {
    try {
      if (groups.has(child)) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  const running = new Set();
  let stoppedBy;
  const onSignal = (signal) => {
    stoppedBy = signal;
    for (const child of running) stop(child, signal);
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, onSignal);

  let jestChild;
  let jestStopped = false;
  const start = (step) =>
    new Promise((done) => {
      const startedAt = new Date();
      const child = spawn(process.execPath, step.argv, {
        stdio: step.inherit ? "inherit" : ["ignore", "pipe", "pipe"],
        cwd: root,
        detached: Boolean(step.group),
      });
      running.add(child);
      if (step.group) groups.add(child);
      if (step === jest) jestChild = child;
      let output = "";
      child.stdout?.on("data", (chunk) => (output += chunk));
      child.stderr?.on("data", (chunk) => (output += chunk));
      child.on("close", (code, signal) => {
        running.delete(child);
        // Each check that passed keeps its record, whatever the others did.
        if (code === 0) step.passed?.(startedAt);
        if (code !== 0 && step !== jest && !stoppedBy && jestChild && running.has(jestChild)) {
          jestStopped = true;
          stop(jestChild, "SIGTERM");
        }
        done({ step, code, signal, output });
      });
    });

  return Promise.all([...checks, jest].map(start)).then((results) => {
    for (const signal of signals) process.off(signal, onSignal);
    const jestResult = results.pop();
    if (stoppedBy) return { signal: stoppedBy };
    for (const r of results) write(r.output);
    const failed = results.filter((r) => r.code !== 0);
    if (failed.length) {
      write(
        `\nnpm test: ${failed.map((r) => r.step.name).join(" and ")} failed` +
          `${jestStopped ? ", so jest was stopped" : ""}.\n`,
      );
      return { code: failed[0].code ?? 1 };
    }
    if (jestResult.signal) return { signal: jestResult.signal };
    return { code: jestResult.code ?? 1 };
  });
}

module.exports = { runSteps };

if (require.main === module) {
  const args = process.argv.slice(2);
  const update = args[0] === "--update";
  if (update) args.shift();
  const checks = update ? [] : [typeCheck, formatCheck];
  runSteps(checks, jestStep(update ? ["--ci=false", "-u", ...args] : args)).then(({ code, signal }) => {
    // End as the signal would have ended us, so npm and the shell see why.
    if (signal) process.kill(process.pid, signal);
    else process.exit(code);
  });
}
