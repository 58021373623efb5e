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
      require(${JSON.stringify(INLINE_SNAPSHOTS)}).saveInlineSnapshots(
        [{ frame: { file: ${JSON.stringify(file)}, line: 2, column: 13 }, snapshot: "1" }], ${JSON.stringify(dir)}, null);
      console.log(JSON.stringify({ before, after: babel() }));`;
    const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const loaded = JSON.parse(run.stdout) as { before: number; after: number };
    expect(loaded.before).toBe(0);
    expect(loaded.after).toBeGreaterThan(0);
    expect(readFileSync(file, "utf8")).toContain("expect(1).toMatchInlineSnapshot(`1`);");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
