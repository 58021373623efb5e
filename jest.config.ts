import type { Config } from "jest";

// Unit tests sit beside the code (src/**/*.test.ts); the golden suite is cases/*.case.ts.
// One VictoriaMetrics serves the whole run: started in globalSetup, its URL handed to the
// workers through the environment, stopped in globalTeardown (and by its reaper if jest dies).
const config: Config = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/src/**/*.test.ts", "<rootDir>/cases/*.case.ts"],
  transform: {
    // Type-checking is `tsc --noEmit` in `npm test`; jest only transpiles.
    "^.+\\.ts$": ["ts-jest", {}],
  },
  // Goldens are ours (src/golden, src/runner/golden-summary.ts), not jest's snapshots: hidden
  // from jest's file map, jest's own cleanup never reports them obsolete or deletes them on -u.
  modulePathIgnorePatterns: ["<rootDir>/__golden__/", "<rootDir>/.vm/"],
  globalSetup: "<rootDir>/src/runner/global-setup.ts",
  globalTeardown: "<rootDir>/src/runner/global-teardown.ts",
  testTimeout: 30_000,
};

export default config;
