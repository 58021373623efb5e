#!/usr/bin/env node
// The reaper: a tiny supervisor between the test run and victoria-metrics, in the spirit of
// testcontainers' Ryuk. It runs detached in its own process group and holds a pipe from its
// parent; when that pipe closes (the parent stopped it, exited, crashed or was SIGKILLed) it
// stops victoria-metrics (SIGTERM, then SIGKILL after a bound) and removes the temp dir.
// So cleanup never depends on the test process ending politely.
// Plain CommonJS on purpose: it must run under bare `node`, with no TypeScript loader.
"use strict";
const { spawn } = require("node:child_process");
const { openSync, rmSync } = require("node:fs");

const { bin, args, root, log, killAfterMs } = JSON.parse(process.argv[2]);

function tell(event) {
  // The parent may be gone; a broken pipe must not stop the cleanup.
  try {
    process.stdout.write(JSON.stringify(event) + "\n");
  } catch {}
}
process.stdout.on("error", () => {});

const logFd = openSync(log, "a");
const child = spawn(bin, args, { stdio: ["ignore", logFd, logFd] });
let exited = false;
child.on("error", (err) => {
  exited = true;
  tell({ event: "exited", code: null, signal: null, error: err.message });
});
child.on("spawn", () => tell({ event: "started", pid: child.pid }));
child.on("exit", (code, signal) => {
  exited = true;
  tell({ event: "exited", code, signal });
});

let stopping = false;
function shutdown() {
  if (stopping) return;
  stopping = true;
  const finish = () => {
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  if (exited) return finish();
  child.once("exit", finish);
  child.kill("SIGTERM");
  setTimeout(() => child.kill("SIGKILL"), killAfterMs).unref();
}

process.stdin.on("end", shutdown);
process.stdin.on("close", shutdown);
process.stdin.on("error", shutdown);
process.stdin.resume();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, shutdown);
