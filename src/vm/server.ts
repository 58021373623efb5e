import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statfsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { findVmBinary } from "./binary";
import { VmClient } from "./client";
import { singleNodeEndpoints, type VmEndpoints } from "./endpoints";
import { UserError } from "../user-error";
import { exchange } from "../http/exchange";

/** The flags every server the suite starts runs with; the README points here. */
export const VM_FLAGS: readonly string[] = [
  // The suite's time base (2024-01-01) lies in the past; the default retention would drop it.
  "-retentionPeriod=100y",
  // Cached results would hide data deleted and re-imported under the same labels.
  "-search.disableCache",
  // By default the newest 30 s are hidden as "maybe incomplete"; tests must see all they wrote.
  "-search.latencyOffset=0s",
];

export interface VmServerOptions {
  /** The binary; default: findVmBinary() ($VM_BIN, .vm/, PATH). */
  binary?: string;
  /** A fixed port; default: a free loopback port. */
  port?: number;
  /** Extra flags after VM_FLAGS. */
  flags?: string[];
  /** How long to wait for /health. */
  startTimeoutMs?: number;
  /** How long after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** Called once the server's process is on its way: work of the caller's own can overlap its start-up. */
  onSpawned?: () => void;
}

export class VmStartError extends UserError {
  override name = "VmStartError";
}

const LOG_TAIL_LINES = 20;
/** Attempts when a free port we picked is taken before victoria-metrics binds it. */
const PORT_ATTEMPTS = 3;

/** A started victoria-metrics. Only this type has a URL: nobody can query a server that is not up. */
export interface RunningVm {
  readonly url: string;
  readonly endpoints: VmEndpoints;
  readonly client: VmClient;
  readonly pid: number;
  /** The temp dir holding storage and log; removed on stop. */
  readonly root: string;
  logTail(lines?: number): string;
  /**
   * How the server exited (`signal SIGKILL`, `exit code 2`) if it has, waiting up to `ms` for the
   * word of its reaper when the server does not answer: a crash mid-run is then named, not guessed.
   * Undefined while its process lives, answering or not.
   */
  exitStatus(ms?: number): Promise<string | undefined>;
  /** Stops the server and removes its temp dir. Safe to call more than once. */
  stop(): Promise<void>;
}

export const VictoriaMetrics = {
  /** Starts victoria-metrics on loopback with a fresh storage dir and waits until /health answers. */
  async start(options: VmServerOptions = {}): Promise<RunningVm> {
    const binary = options.binary ?? findVmBinary().path;
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      try {
        return await startOnce(binary, port, options);
      } catch (err) {
        const raced = err instanceof PortInUseError && options.port === undefined && attempt < PORT_ATTEMPTS;
        if (!raced) throw err;
      }
    }
  },
};

class PortInUseError extends VmStartError {
  override name = "PortInUseError";
}

async function startOnce(binary: string, port: number, options: VmServerOptions): Promise<RunningVm> {
  const root = mkdtempSync(join(tmpdir(), "vm-golden-"));
  const log = join(root, "vm.log");
  const url = `http://127.0.0.1:${port}`;
  const args = [
    `-storageDataPath=${join(root, "data")}`,
    `-httpListenAddr=127.0.0.1:${port}`,
    ...VM_FLAGS,
    ...(options.flags ?? []),
  ];
  const config = { bin: binary, args, root, log, killAfterMs: options.stopTimeoutMs ?? 5_000 };

  // The reaper owns victoria-metrics and the temp dir from here on; see reaper.js.
  const reaper = spawn(process.execPath, [join(__dirname, "reaper.js"), JSON.stringify(config)], {
    detached: true,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const events = watchReaper(reaper);
  options.onSpawned?.();
  const logTail = (lines = LOG_TAIL_LINES) => tail(log, lines);
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= stopReaper(reaper, root, config.killAfterMs));

  try {
    const pid = await events.started;
    await waitForHealth(url, options.startTimeoutMs ?? 15_000, events, logTail, port);
    holdOpen(reaper, false);
    const endpoints = singleNodeEndpoints(url);
    const exitStatus = async (ms = 2_000) => {
      if (events.exit !== undefined || (await answersHealth(url))) return events.exit;
      const late = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());
      return Promise.race([events.exited, late]);
    };
    return { url, endpoints, client: new VmClient(endpoints), pid, root, logTail, exitStatus, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface ReaperEvents {
  started: Promise<number>;
  /** Set once victoria-metrics has exited, with how it exited. */
  exit?: string;
  /** Resolves with `exit` once it is set. */
  exited: Promise<string>;
}

function watchReaper(reaper: ChildProcess): ReaperEvents {
  let noteExit: (how: string) => void = () => {};
  const events: ReaperEvents = { started: Promise.resolve(0), exited: new Promise((resolve) => (noteExit = resolve)) };
  events.started = new Promise((resolve, reject) => {
    createInterface({ input: reaper.stdout! }).on("line", (line) => {
      const event = JSON.parse(line) as { event: string; pid?: number; code?: number; signal?: string; error?: string };
      if (event.event === "started") resolve(event.pid!);
      if (event.event === "exited") {
        events.exit = event.error ?? (event.signal ? `signal ${event.signal}` : `exit code ${event.code}`);
        noteExit(events.exit);
        reject(new VmStartError(`victoria-metrics could not be started: ${events.exit}`));
      }
    });
    reaper.on("exit", () => reject(new VmStartError("the victoria-metrics reaper exited before the server started")));
  });
  events.started.catch(() => {});
  return events;
}

type Handle = { ref(): void; unref(): void };

/**
 * Whether the reaper keeps this process alive. Only while we wait on it (start, stop): a test
 * process that forgets stop() must still be able to exit; the reaper notices and cleans up.
 */
function holdOpen(reaper: ChildProcess, hold: boolean): void {
  for (const handle of [reaper, reaper.stdout, reaper.stdin] as unknown as Handle[]) {
    if (hold) handle.ref();
    else handle.unref();
  }
}

/** Readiness is a bounded wait with a reason: the error carries the server's last log lines. */
async function waitForHealth(
  url: string,
  timeoutMs: number,
  events: ReaperEvents,
  logTail: () => string,
  port: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (events.exit !== undefined) {
      const log = logTail();
      if (/address already in use/.test(log)) {
        throw new PortInUseError(
          `victoria-metrics could not listen on 127.0.0.1:${port}: the port is already in use.\nlast log lines:\n${log}`,
        );
      }
      throw new VmStartError(`victoria-metrics exited at start (${events.exit}).\nlast log lines:\n${log}`);
    }
    if (await answersHealth(url)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new VmStartError(
    `victoria-metrics did not become healthy within ${timeoutMs} ms on ${url}\nlast log lines:\n${logTail()}`,
  );
}

/** Whether the server answers /health now; a refused connection is a server not listening yet. */
const answersHealth = (url: string) =>
  exchange(`${url}/health`, { timeoutMs: 1_000 }).then(
    (answer) => answer.ok,
    () => false,
  );

/** Closing the reaper's stdin asks it to stop the server and remove the temp dir. */
async function stopReaper(reaper: ChildProcess, root: string, killAfterMs: number): Promise<void> {
  if (reaper.exitCode === null && reaper.signalCode === null) {
    holdOpen(reaper, true);
    const exited = new Promise<void>((resolve) => reaper.once("exit", () => resolve()));
    reaper.stdin!.end();
    const bound = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), killAfterMs + 5_000).unref());
    if ((await Promise.race([exited, bound])) === "late") {
      // The reaper itself is stuck: kill its whole group (it and victoria-metrics).
      try {
        process.kill(-reaper.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  rmSync(root, { recursive: true, force: true });
}

/**
 * The log's last lines. An empty log says the server could not even write it: the usual cause is
 * a full (or read-only) temp dir, so the free space is named, not an empty line.
 */
function tail(file: string, lines: number): string {
  const text = existsSync(file) ? readFileSync(file, "utf8").trimEnd() : "";
  if (text !== "") return text.split("\n").slice(-lines).join("\n");
  const dir = dirname(dirname(file));
  let free = "unknown";
  try {
    const { bavail, bsize } = statfsSync(dir);
    free = `${((bavail * bsize) / 2 ** 20).toFixed(1)} MiB`;
  } catch {
    // no statfs here: say what we can
  }
  return `(none: it wrote nothing, which a full or read-only temp dir causes; ${dir} has ${free} free. Free some space, or point TMPDIR elsewhere.)`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
