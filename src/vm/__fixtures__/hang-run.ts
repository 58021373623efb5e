import { join } from "node:path";

/** A jest run that starts the suite (VictoriaMetrics, the target) and then hangs, for tests that kill it. */
export const HANG_CONFIG = join(__dirname, "hang.jest.config.js");

/**
 * The environment of such a run: its temp dir in `dir` (where the test looks for what it leaves),
 * and its own VictoriaMetrics and reference API, whatever this run was pointed at.
 */
export function hangRunEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: dir,
    HANG_READY_FILE: join(dir, "ready"),
    CI: "true",
    ...extra,
  };
  for (const name of ["VM_URL", "VM_INSERT_URL", "VM_SELECT_URL", "VM_FLUSH_URL", "GOLDEN_TARGET", "GOLDEN_RUN"]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}
