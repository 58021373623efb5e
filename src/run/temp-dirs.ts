import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
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

/** mkdtemp's shape after the prefix: the pid, a dash, six random characters. */
const OWNED_NAME = /^(\d+)-[A-Za-z0-9]{6}$/;

/**
 * Removes the temp dirs of these prefixes whose owning process is gone; returns what it removed.
 * Only dirs of mkdtemp's exact shape and of this user, and a dir it cannot remove is left: a
 * sweep must never stop a run. (A process of another pid namespace, a container sharing /tmp,
 * looks gone from here: the user check keeps other users' runs safe, not that.)
 */
export function sweepOrphans(prefixes: readonly string[], dir = tmpdir()): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const entry of entries) {
    const prefix = prefixes.find((p) => entry.startsWith(p));
    const pid = prefix === undefined ? undefined : OWNED_NAME.exec(entry.slice(prefix.length))?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    const path = join(dir, entry);
    try {
      if (uid !== undefined && statSync(path).uid !== uid) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(entry);
    } catch {
      // someone else's, or going away: not ours to fight over
    }
  }
  return removed;
}
