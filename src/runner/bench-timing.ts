// What the bench-* scripts of the runner share: a whole process, timed, how to print a time, and
// the machine the figures are of.
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The line each benchmark prints first: these machines' figures mean little without it. */
export const machineLine = () =>
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, Node ${process.version}`;

// Ctrl-C reaches the timed child too (one process group): the child ends, `timed` throws, and the
// caller's clean-up runs, where Node's default would end this process before any of it.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => {});

/** Runs `command` to its end and returns its wall time; a failure throws with its last lines. */
export function timed(
  what: string,
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { ms: number; stdout: string } {
  const began = performance.now();
  const child = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - began;
  if (child.status !== 0) {
    throw new Error(
      `${what} failed (exit ${child.status ?? child.signal}):\n${`${child.stdout}${child.stderr}`.split("\n").slice(-40).join("\n")}`,
    );
  }
  return { ms, stdout: child.stdout };
}
