// @ts-check
// `npm run mutate` (src/mutate/cli.ts) runs Stryker with this configuration: the
// reference API's query and post-processing code, mutated, against the case suite alone.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "jest",
  jest: {
    projectType: "custom",
    configFile: "jest.config.js",
    config: {
      // The golden cases are the tests; the tool's own unit tests would kill mutants the goldens miss.
      testMatch: ["<rootDir>/cases/*.case.ts"],
      // jest's own test runner, not the case runner: Stryker tells its tests apart through the
      // test environment, which only jest's runner sets up (goldenCase() serves both).
      runner: "jest-runner",
      // The run's target is started in jest's main process (Stryker's test runner process), where
      // Stryker does not switch mutants on by itself: these do, and keep one VictoriaMetrics.
      globalSetup: "<rootDir>/src/mutate/global-setup.ts",
      globalTeardown: "<rootDir>/src/mutate/global-teardown.ts",
    },
    // Every case file asks the target over HTTP: none imports the code under test.
    enableFindRelatedTests: false,
  },
  mutate: ["src/api/metricsql.ts", "src/api/points.ts", "src/api/fields.ts"],
  coverageAnalysis: "perTest",
  reporters: ["progress", "json", "html"],
  // The victoria-metrics binary stays where it is (npm run mutate names it in VM_BIN).
  ignorePatterns: ["/.vm", "/__golden__/.pending", "/coverage"],
  cleanTempDir: "always",
  // Stryker suggests ignoring static mutants (a table of fields, a constant) when they are slow;
  // global-setup.ts reloads the target for every mutant so that they are tested like the others.
  warnings: { slow: false },
};
