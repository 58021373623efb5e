import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processTempDir, sweepOrphans } from "./temp-dirs";

describe("temp dirs named for their process", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "temp-dirs-test-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("a dir whose process is gone is swept; a live process's dir and other dirs are left alone", () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid!; // exited by now
    const orphan = processTempDir("golden-run-", { dir, pid: gone });
    const mine = processTempDir("golden-run-", { dir });
    const unrelated = mkdtempSync(join(dir, "golden-run-x"));
    const handMade = join(dir, `golden-run-${gone}-notes`);
    mkdirSync(handMade);
    const othersOrphan = processTempDir("golden-fixture-", { dir, pid: gone });
    chownSync(othersOrphan, 65534, 65534); // another user's (the suite runs as root here): not ours to remove
    expect(sweepOrphans(["golden-fixture-", "golden-run-"], dir)).toEqual([orphan.slice(dir.length + 1)]);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
    expect(existsSync(handMade)).toBe(true);
    expect(existsSync(othersOrphan)).toBe(true);
  });
});
