/**
 * jest's global teardown when Stryker runs the case suite: stops the target and the run service.
 * No golden summary (a mutant's failures are the point, and nothing is written), and the
 * process' VictoriaMetrics stays for the next mutant (global-setup.ts).
 */
export default async function mutantRunTeardown(): Promise<void> {
  const run = globalThis.__GOLDEN_RUN__;
  globalThis.__GOLDEN_RUN__ = undefined;
  await run?.stop();
}
