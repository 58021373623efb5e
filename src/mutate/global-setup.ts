import type { Config } from "@jest/types";
import { dirname, join, sep } from "node:path";
import { startSuiteRun } from "../runner/suite-run";
import { asUserError } from "../user-error";
import { endpointsFromEnv } from "../vm/endpoints";
import { VictoriaMetrics, type RunningVm } from "../vm/server";

/**
 * jest's global setup when Stryker runs the case suite (stryker.config.mjs). Stryker's jest
 * runner calls jest once per mutant, in band, in one process per test runner; this file runs
 * in that process at the start of each of those jest runs.
 */

/** What instrumented code reads and writes: the active mutant, and which test reached which mutant. */
interface InstrumenterContext {
  activeMutant?: string;
}

declare global {
  /** The VictoriaMetrics of this Stryker test runner process, kept from one mutant's run to the next. */
  var __MUTATION_VM__: RunningVm | undefined;
  /** Where instrumented code finds its context (the name is Stryker's). */
  var __stryker__: InstrumenterContext | undefined;
}

/** Where Stryker's jest runner says which mutant a run is for. */
const ACTIVE_MUTANT_ENV = "__STRYKER_ACTIVE_MUTANT__";

export default async function mutantRunSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  shareInstrumenterContext();
  forgetProjectModules(globalConfig.rootDir);
  try {
    await keepVmForThisProcess();
    // Check only: a mutant's answer is never a golden, not even a missing one.
    globalThis.__GOLDEN_RUN__ = await startSuiteRun("none");
  } catch (err) {
    throw asUserError(err);
  }
}

/**
 * The target runs in this process, outside the test files' sandboxes, where Stryker's jest runner
 * shares its instrumenter context with instrumented code. Sharing it here too lets the target's
 * code tell Stryker which test reached which mutant (so a mutant runs only the cases that reach
 * it) and count hits (so a mutant that loops is a timeout). Instrumented code takes the active
 * mutant from process.env only when the context has none: it is set here for every run.
 */
function shareInstrumenterContext(): void {
  const context = (globalThis.__stryker__ = strykerJestRunnerContext());
  const active = process.env[ACTIVE_MUTANT_ENV];
  if (active === undefined) delete context.activeMutant;
  else context.activeMutant = active;
}

/**
 * The object Stryker's jest runner reads coverage from and its test environment hands to test
 * files: `state.instrumenterContext` of its messaging module, one per process. The package does
 * not export it; the path is that of the pinned @stryker-mutator/jest-runner 9.6.1.
 */
function strykerJestRunnerContext(): InstrumenterContext {
  const root = dirname(require.resolve("@stryker-mutator/jest-runner/package.json"));
  const messaging = require(join(root, "dist/src/jest-plugins/messaging.cjs")) as {
    state: { instrumenterContext: InstrumenterContext };
  };
  return messaging.state.instrumenterContext;
}

/**
 * Node keeps the modules global setup loaded from one jest run to the next, and a mutant in code
 * that runs as a module loads (a table of fields, a constant) would never show in a kept one: each
 * run loads the project's own modules, the target's among them, afresh (its packages stay). The
 * kept server is a value, not a module: it stays too.
 */
function forgetProjectModules(root: string): void {
  const packages = `${sep}node_modules${sep}`;
  for (const path of Object.keys(require.cache)) {
    if (path.startsWith(root + sep) && !path.includes(packages)) delete require.cache[path];
  }
}

/**
 * One VictoriaMetrics per test runner process rather than one per mutant: started on the first
 * run, named to every later run as a server the suite does not own (VM_URL), so each case deletes
 * its series after itself. Its reaper stops it when the process ends, however it ends.
 */
async function keepVmForThisProcess(): Promise<void> {
  if (globalThis.__MUTATION_VM__ === undefined && endpointsFromEnv() !== undefined) return; // the user's own server
  globalThis.__MUTATION_VM__ ??= await VictoriaMetrics.start();
  process.env.VM_URL = globalThis.__MUTATION_VM__.url;
}
