import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
// Not among the package's exports: by its path.
const INLINE_SNAPSHOTS = join(ROOT, "node_modules/jest-snapshot/build/InlineSnapshots.js");

// patches/jest-snapshot+29.7.0.patch (applied by `npm ci`; README, Decisions): jest-snapshot,
// which every jest process loads, loads babel only to write an inline snapshot. Checked in a plain
// node process: the one running this file has loaded jest-snapshot already.
test("jest-snapshot loads no babel until it writes an inline snapshot, and then writes it", () => {
  const dir = mkdtempSync(join(tmpdir(), "jest-patches-"));
  const file = join(dir, "inline.test.js");
  try {
    writeFileSync(file, 'test("t", () => {\n  expect(1).toMatchInlineSnapshot();\n});\n');
    const script = `
      const babel = () => Object.keys(require.cache).filter((m) => /node_modules\\/@babel\\/(core|generator|types)\\//.test(m)).length;
      require("jest-snapshot");
      const before = babel();
      const { saveInlineSnapshots } = require(${JSON.stringify(INLINE_SNAPSHOTS)});
      const snapshots = [{ frame: { file: ${JSON.stringify(file)}, line: 2, column: 13 }, snapshot: "1" }];
      let prettier3;
      try {
        saveInlineSnapshots(snapshots, ${JSON.stringify(dir)}, "prettier"); // semver, now loaded here, refuses prettier 3
      } catch (err) {
        prettier3 = err.message;
      }
      saveInlineSnapshots(snapshots, ${JSON.stringify(dir)}, null);
      console.log(JSON.stringify({ before, after: babel(), prettier3 }));`;
    const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(run.status).toBe(0);
    const loaded = JSON.parse(run.stdout) as { before: number; after: number; prettier3?: string };
    // 157 when the patch is not applied (npm ci applies it)
    expect(loaded.before).toBe(0);
    expect(loaded.after).toBeGreaterThan(0);
    expect(loaded.prettier3).toContain("Inline Snapshots are not supported when using Prettier 3.0.0 or above");
    expect(readFileSync(file, "utf8")).toContain("expect(1).toMatchInlineSnapshot(`1`);");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
