#!/usr/bin/env node
// The floor bin/bench-suite measures the case suite against: the same samples imported and the
// same MetricsQL asked straight of the same victoria-metrics binary, from one plain Node process
// (no jest, no GraphQL, no TypeScript loader). Started and stopped like the suite's own server.
// Usage: node bench-floor.js <plan.json>; prints {"startMs", "workMs", "totalMs"} as JSON.
"use strict";
const { spawn } = require("node:child_process");
const { mkdtempSync, readFileSync, rmSync } = require("node:fs");
const { createServer } = require("node:net");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { exchange } = require("../http/exchange");

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ok(url, init = {}) {
  // As the suite's client asks (src/vm/client.ts), through the same exchange.
  const answer = await exchange(url, init);
  if (!answer.ok) throw new Error(`${url}: HTTP ${answer.status} ${answer.text}`);
  return answer.text;
}

async function main() {
  const began = performance.now();
  const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const dir = mkdtempSync(join(tmpdir(), "bench-floor-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const vm = spawn(plan.binary, [`-storageDataPath=${dir}`, `-httpListenAddr=127.0.0.1:${port}`, ...plan.flags], {
    stdio: "ignore",
  });
  try {
    // The same readiness wait as the suite's own server (src/vm/server.ts).
    for (;;) {
      const healthy = await exchange(`${base}/health`).then(
        (answer) => answer.ok,
        () => false,
      );
      if (healthy) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const started = performance.now();
    for (const c of plan.cases) {
      await ok(`${base}/api/v1/import`, { method: "POST", body: c.body });
      await ok(`${base}/internal/force_flush`);
      // One GraphQL query's field queries go out at once, as the API sends them.
      for (const request of c.requests) {
        await Promise.all(request.map((q) => ok(`${base}${q.path}?${new URLSearchParams(q.params)}`)));
      }
    }
    const done = performance.now();
    process.stdout.write(
      JSON.stringify({ startMs: started - began, workMs: done - started, totalMs: done - began }) + "\n",
    );
  } finally {
    await new Promise((resolve) => {
      vm.once("exit", resolve);
      vm.kill("SIGTERM");
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
