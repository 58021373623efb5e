// @ts-check
// Plain CommonJS: jest reads a TypeScript config through ts-node, which cost 0.3 s of every jest
// start even transpile-only (it loads TypeScript), and 2 s when ts-node also type-checked it.
// `tsc -b` checks this file (allowJs, @ts-check).
//
// Unit tests sit beside the code (src/**/*.test.ts); the golden suite is cases/*.case.ts.
// What a run needs once (VictoriaMetrics, the target) is started in globalSetup, published to
// the test files in the run context (src/run/context.ts), stopped in globalTeardown (and by the
// reaper if jest dies).
/** @type {import("jest").Config} */
const config = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/src/**/*.test.ts", "<rootDir>/cases/*.case.ts"],
  transform: {
    // Type-checking is `tsc -b` in `npm test`; jest only transpiles (esbuild, which still
    // reports syntax errors), and only files not in its cache or the transform's store.
    "^.+\\.ts$": ["<rootDir>/src/runner/ts-transform.js", {}],
  },
  // Test files that wait on child processes (the workflow tests, the server's lifecycle) run
  // beside the others: on 2 cores, 2 workers finished the suite in 0.8 of the in-band time.
  maxWorkers: "100%",
  // Goldens are ours (src/golden, src/runner/golden-summary.ts), not jest's snapshots: hidden
  // from jest's file map, jest's own cleanup never reports them obsolete or deletes them on -u.
  modulePathIgnorePatterns: ["<rootDir>/__golden__/", "<rootDir>/.vm/"],
  // Case modules run in jest's own process, side by side, in one registry (case-runner.ts).
  runner: "<rootDir>/src/runner/case-runner.ts",
  globalSetup: "<rootDir>/src/runner/global-setup.ts",
  globalTeardown: "<rootDir>/src/runner/global-teardown.ts",
  testTimeout: 30_000,
};

module.exports = config;
