import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Temp dirs named for the process that owns them (`<prefix><pid>-XXXXXX`), so that a later run
 * can tell one whose process was killed before it could clean up, and remove it.
 */
export function processTempDir(prefix: string, { dir = tmpdir(), pid = process.pid } = {}): string {
  return mkdtempSync(join(dir, `${prefix}${pid}-`));
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
};

/** Removes the temp dirs of these prefixes whose owning process is gone; returns what it removed. */
export function sweepOrphans(prefixes: readonly string[], dir = tmpdir()): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const prefix = prefixes.find((p) => entry.startsWith(p));
    const pid = prefix === undefined ? undefined : /^(\d+)-/.exec(entry.slice(prefix.length))?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    rmSync(join(dir, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}
