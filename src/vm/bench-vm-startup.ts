// How long the suite waits for its VictoriaMetrics, against a bare start of the same binary.
// Usage: bin/bench-vm-startup [runs=7]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findVmBinary } from "./binary";
import { median } from "./median";
import { VictoriaMetrics, VM_FLAGS } from "./server";

const runs = Number(process.argv[2] ?? 7);

/** The baseline: spawn the binary directly on a fixed port and poll /health, no reaper, no cleanup wait. */
async function bareStart(binary: string, port: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "vm-bench-"));
  const began = performance.now();
  const child = spawn(binary, [`-storageDataPath=${dir}`, `-httpListenAddr=127.0.0.1:${port}`, ...VM_FLAGS], {
    stdio: "ignore",
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const elapsed = performance.now() - began;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
  rmSync(dir, { recursive: true, force: true });
  return elapsed;
}

async function main(): Promise<void> {
  const binary = findVmBinary();
  console.log(`victoria-metrics from ${binary.source}: ${binary.path}; ${runs} runs each`);
  const suite: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    const vm = await VictoriaMetrics.start({ binary: binary.path });
    suite.push(performance.now() - began);
    const stopBegan = performance.now();
    await vm.stop();
    const stopped = performance.now() - stopBegan;
    bare.push(await bareStart(binary.path, 20_000 + i));
    console.log(
      `run ${i + 1}: suite start ${suite[i]!.toFixed(0)} ms (stop ${stopped.toFixed(0)} ms), bare start ${bare[i]!.toFixed(0)} ms`,
    );
  }
  const [s, b] = [median(suite), median(bare)];
  console.log(`median: suite start ${s.toFixed(0)} ms, bare start ${b.toFixed(0)} ms, ratio ${(s / b).toFixed(2)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
