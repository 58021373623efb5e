import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HANG_CONFIG, hangRunEnv } from "../vm/__fixtures__/hang-run";
import { pidsMentioning, waitUntil } from "../vm/__fixtures__/probe";

const ROOT = resolve(__dirname, "../..");

// npm passes SIGINT and SIGTERM to the process it started and to nothing else; the test command
// must pass them on, or jest, the reaper and VictoriaMetrics go on without anyone to stop them.
test.concurrent.each([
  { command: "npm test", npmArgs: ["test"], signal: "SIGTERM" },
  { command: "npm run update-goldens", npmArgs: ["run", "update-goldens"], signal: "SIGINT" },
] as const)(
  "$command stopped by a $signal to npm alone stops the whole run",
  async ({ npmArgs, signal }) => {
    const dir = mkdtempSync(join(tmpdir(), "vm-lifecycle-"));
    // The pattern matches the hanging test file; naming `dir` in it marks this run's jest in `ps`.
    const npm = spawn(
      "npm",
      [...npmArgs, "--", "--config", HANG_CONFIG, "--testPathPattern", `hang\\.fixture|${dir}`],
      {
        cwd: ROOT,
        env: hangRunEnv(dir),
        stdio: "ignore",
      },
    );
    const exited = new Promise<unknown>((done) => npm.on("exit", (code, sig) => done(sig ?? code)));
    try {
      await waitUntil(() => existsSync(join(dir, "ready")), "the run has started victoria-metrics", 60_000);
      expect(pidsMentioning(dir).length).toBeGreaterThanOrEqual(3); // jest, the reaper and victoria-metrics
      npm.kill(signal);
      await exited;
      await waitUntil(
        () => pidsMentioning(dir).length === 0,
        "jest, the reaper and victoria-metrics have stopped",
        5_000,
      );
    } finally {
      npm.kill("SIGKILL");
      for (const pid of pidsMentioning(dir)) process.kill(pid, "SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  },
  90_000,
);

describe("the checks beside jest", () => {
  // The steps are stand-ins (node -e): what is tested is how the command runs them.
  const { runSteps } = require("./test-command") as {
    runSteps(
      checks: object[],
      jest: object,
      options: { write(text: string): void },
    ): Promise<{ code?: number; signal?: string }>;
  };
  const step = (name: string, script: string, extra: object = {}) => ({
    name,
    argv: ["-e", script],
    ...extra,
  });
  const forever = step("jest", "setTimeout(() => {}, 600000)");

  test("a check that fails stops jest at once, and its output is shown whole with which check it was", async () => {
    let out = "";
    const result = await runSteps(
      [step("the type-check", "console.log('a.ts(1,1): error TS2322'); process.exit(2)"), step("the format check", "")],
      forever,
      { write: (text) => (out += text) },
    );
    expect(result).toEqual({ code: 2 });
    expect(out).toBe("a.ts(1,1): error TS2322\n\nnpm test: the type-check failed, so jest was stopped.\n");
  });

  test("a check that fails stops what jest started too (its workers and their children), not jest alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "test-command-"));
    const pidFile = join(dir, "grandchild.pid");
    try {
      const jest = step(
        "jest",
        `const c = require("node:child_process").spawn(process.execPath, ["-e", "setTimeout(() => {}, 600000)"], { stdio: "ignore" });
         require("node:fs").writeFileSync(${JSON.stringify(pidFile)}, String(c.pid));
         setTimeout(() => {}, 600000);`,
        { group: true },
      );
      const check = step(
        "the type-check",
        `const t = setInterval(() => require("node:fs").existsSync(${JSON.stringify(pidFile)}) && process.exit(2), 20);`,
      );
      expect(await runSteps([check], jest, { write: () => {} })).toEqual({ code: 2 });
      const grandchild = Number(readFileSync(pidFile, "utf8"));
      await waitUntil(
        () => !pidsMentioning("setTimeout(() => {}, 600000)").includes(grandchild),
        "the grandchild is gone",
        5_000,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a check that fails after jest has finished fails the run, and says only that", async () => {
    let out = "";
    const result = await runSteps(
      [step("the type-check", "setTimeout(() => process.exit(2), 300)")],
      step("jest", ""),
      {
        write: (text) => (out += text),
      },
    );
    expect(result).toEqual({ code: 2 });
    expect(out).toBe("\nnpm test: the type-check failed.\n");
  });

  test("when the checks pass, the run ends as jest does, and each passing check keeps its record", async () => {
    const passed: string[] = [];
    const result = await runSteps(
      [step("the type-check", "", { passed: () => passed.push("types") }), step("the format check", "")],
      step("jest", "process.exit(1)"),
      { write: () => {} },
    );
    expect(result).toEqual({ code: 1 });
    expect(passed).toEqual(["types"]);
  });
});
