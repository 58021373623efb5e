// A jest run that starts the suite's VictoriaMetrics and then hangs, so a test can kill it
// and check that nothing outlives it (see server.test.ts).
const { resolve } = require("node:path");
const root = resolve(__dirname, "../../..");
module.exports = {
  rootDir: root,
  testEnvironment: "node",
  roots: ["<rootDir>/src/vm/__fixtures__"],
  testMatch: ["**/hang.fixture.ts"],
  transform: { "^.+\\.ts$": ["<rootDir>/src/runner/ts-transform.js", {}] },
  globalSetup: "<rootDir>/src/runner/global-setup.ts",
  globalTeardown: "<rootDir>/src/runner/global-teardown.ts",
  testTimeout: 600_000,
};
