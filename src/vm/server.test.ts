import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sweepOrphans } from "../run/temp-dirs";
import { RUN_TEMP_PREFIXES } from "../runner/suite-run";
import { findVmBinary } from "./binary";
import { VictoriaMetrics, VM_FLAGS } from "./server";
import { HANG_CONFIG, hangRunEnv } from "./__fixtures__/hang-run";
import { isAlive, pidsMentioning, waitUntil } from "./__fixtures__/probe";

const ROOT = resolve(__dirname, "../..");

/** Runs `body` with os.tmpdir() pointing at a fresh dir, so we can see what a start leaves behind. */
async function inFreshTmp<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "vm-lifecycle-"));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await body(dir);
  } finally {
    process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the victoria-metrics server", () => {
  test("starts healthy with the suite's flags, and stopping twice is harmless", async () => {
    await inFreshTmp(async (dir) => {
      const vm = await VictoriaMetrics.start();
      expect((await fetch(`${vm.url}/health`)).status).toBe(200);
      const flags = await (await fetch(`${vm.url}/flags`)).text();
      for (const flag of VM_FLAGS) {
        const [name, value = "true"] = flag.split("=");
        expect(flags).toContain(`${name}="${value}"`);
      }
      expect(isAlive(vm.pid)).toBe(true);
      await vm.stop();
      await vm.stop();
      expect(isAlive(vm.pid)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  test("refuses a port already in use, saying so, and leaves nothing behind", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const { port } = blocker.address() as { port: number };
    try {
      await inFreshTmp(async (dir) => {
        await expect(VictoriaMetrics.start({ port })).rejects.toThrow(`127.0.0.1:${port}: the port is already in use`);
        expect(readdirSync(dir)).toEqual([]);
        expect(pidsMentioning(dir)).toEqual([]);
      });
    } finally {
      blocker.close();
    }
  });

  test("a missing binary names bin/install-vm and VM_BIN", () => {
    expect(() => findVmBinary({ PATH: "/nonexistent" }, "/nonexistent/.vm/bin/victoria-metrics")).toThrow(
      /victoria-metrics not found\. Tried: \$VM_BIN \(unset\), .*PATH\.\nRun `bin\/install-vm`, or set VM_BIN/,
    );
    expect(() => findVmBinary({ VM_BIN: "/nonexistent/vm" })).toThrow(
      "VM_BIN is set to '/nonexistent/vm', which is not an executable file",
    );
  });

  test("a binary that exits at start shows its log in the error", async () => {
    await inFreshTmp(async (dir) => {
      const fake = join(mkdtempSync(join(tmpdir(), "fake-vm-")), "victoria-metrics");
      writeFileSync(fake, "#!/bin/sh\necho 'fatal: cannot open storage: disk on fire' >&2\nexit 3\n");
      chmodSync(fake, 0o755);
      await expect(VictoriaMetrics.start({ binary: fake })).rejects.toThrow(
        /exited at start \(exit code 3\)\.\nlast log lines:\nfatal: cannot open storage: disk on fire/,
      );
      expect(readdirSync(dir)).toEqual([]);
      rmSync(resolve(fake, ".."), { recursive: true });
    });
  });

  test("a binary that exits at start without a word names what usually causes that: the temp dir's disk", async () => {
    await inFreshTmp(async () => {
      const fake = join(mkdtempSync(join(tmpdir(), "fake-vm-")), "victoria-metrics");
      writeFileSync(fake, "#!/bin/sh\nexit 2\n");
      chmodSync(fake, 0o755);
      await expect(VictoriaMetrics.start({ binary: fake })).rejects.toThrow(
        /exited at start \(exit code 2\)\.\nlast log lines:\n\(none: it wrote nothing, which a full or read-only temp dir causes; \S+ has [\d.]+ MiB free\. Free some space, or point TMPDIR elsewhere\.\)/,
      );
      rmSync(resolve(fake, ".."), { recursive: true });
    });
  });

  /** A child jest run with the suite's global setup (hang.jest.config.js), its temp dir in `dir`. */
  /** A child jest run of the hang config; its output is read (a full pipe would stall it) and kept. */
  const childJest = (dir: string, env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules/jest/bin/jest.js"), "--config", HANG_CONFIG], {
      cwd: ROOT,
      env: hangRunEnv(dir, env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const run = { child, output: "" };
    child.stdout.on("data", (chunk: Buffer) => (run.output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (run.output += chunk.toString()));
    return run;
  };

  test.concurrent.each([
    ["Ctrl-C (SIGINT to jest)", "SIGINT"],
    ["SIGKILL of jest itself", "SIGKILL"],
  ] as const)(
    "a child jest run ended by %s leaves no process, and no temp dir the next run does not remove",
    async (_, signal) => {
      const dir = mkdtempSync(join(tmpdir(), "vm-lifecycle-"));
      const jest = childJest(dir).child;
      try {
        await waitUntil(
          () => existsSync(join(dir, "ready")),
          "the child jest run has started victoria-metrics",
          30_000,
        );
        expect(pidsMentioning(dir).length).toBeGreaterThanOrEqual(2); // the reaper and victoria-metrics
        jest.kill(signal);
        await waitUntil(() => pidsMentioning(dir).length === 0, `no process mentions ${dir}`);
        // (jest keeps its own cache in TMPDIR too; only the server's dir must go)
        await waitUntil(() => !readdirSync(dir).some((f) => f.startsWith("vm-golden-")), `${dir} holds no server dir`);
        // a killed run cannot remove its record dir; the next run does, once its process is gone
        // (jest may outlive its server by a moment, and until it is reaped its pid counts as alive)
        await waitUntil(() => jest.exitCode !== null || jest.signalCode !== null, "the child jest has exited");
        sweepOrphans(RUN_TEMP_PREFIXES, dir);
        expect(readdirSync(dir).filter((f) => RUN_TEMP_PREFIXES.some((p) => f.startsWith(p)))).toEqual([]);
      } finally {
        jest.kill("SIGKILL");
        rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000, // longer than its waits together, so that a slow one is named by its own message
  );

  test("a run whose set-up fails after making its run dir (a victoria-metrics that exits at once) leaves no temp dir", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vm-lifecycle-"));
    const run = childJest(dir, { VM_BIN: "/bin/true" });
    const jest = run.child;
    try {
      const code = await new Promise<number | null>((done) => jest.on("close", done));
      expect(code).not.toBe(0);
      // It failed starting the server, which comes after the run dir (src/runner/suite-run.ts).
      expect(run.output).toContain("victoria-metrics exited at start (exit code 0)");
      expect(
        readdirSync(dir).filter((f) => RUN_TEMP_PREFIXES.some((p) => f.startsWith(p)) || f.startsWith("vm-golden-")),
      ).toEqual([]);
    } finally {
      jest.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
