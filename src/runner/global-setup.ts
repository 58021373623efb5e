import type { Config } from "@jest/types";
import { updateMode } from "../golden/update-mode";
import { startSuiteRun, type SuiteRun } from "./suite-run";
import { asUserError } from "../user-error";

declare global {
  // Read by global-teardown, which runs in the same process.
  var __GOLDEN_RUN__: SuiteRun | undefined;
  /** The golden files before an update run, for the report of what it changed. */
  var __GOLDENS_BEFORE__: Map<string, string> | undefined;
}

/** What a run needs once, started once: VictoriaMetrics (unless the environment names one), the target, the run service. */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  const mode = updateMode(globalConfig.updateSnapshot);
  if (mode === "all") {
    // Only an update reports what it changed; a check run never loads the report.
    const { goldensInWorkingTree } = await import("../report/git-goldens");
    globalThis.__GOLDENS_BEFORE__ = goldensInWorkingTree(globalConfig.rootDir);
  }
  try {
    globalThis.__GOLDEN_RUN__ = await startSuiteRun(mode);
  } catch (err) {
    throw asUserError(err);
  }
}
