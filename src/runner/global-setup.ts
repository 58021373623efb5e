import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "@jest/types";
import { updateMode } from "../golden/update-mode";
import { goldensInWorkingTree } from "../report";
import { findVmBinary } from "../vm/binary";
import { endpointsFromEnv } from "../vm/endpoints";
import { VictoriaMetrics, type RunningVm } from "../vm/server";
import { publishSuiteVm } from "../vm/suite-vm";
import { RUN_DIR_ENV } from "./run-record";
import { asUserError } from "./user-error";

declare global {
  // Read by global-teardown, which runs in the same process.
  var __GOLDEN_VM__: RunningVm | undefined;
  /** The golden files before an update run, for the report of what it changed. */
  var __GOLDENS_BEFORE__: Map<string, string> | undefined;
}

/** One VictoriaMetrics per `npm test` run, unless the environment names one the suite does not own. */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  // Where each case module records what it did to its golden, for the summary at teardown.
  process.env[RUN_DIR_ENV] = mkdtempSync(join(tmpdir(), "golden-run-"));
  if (updateMode(globalConfig.updateSnapshot) === "all") globalThis.__GOLDENS_BEFORE__ = goldensInWorkingTree(globalConfig.rootDir);
  try {
    const external = endpointsFromEnv();
    if (external) {
      publishSuiteVm(external, false);
      return;
    }
    const binary = findVmBinary();
    const vm = await VictoriaMetrics.start({ binary: binary.path });
    globalThis.__GOLDEN_VM__ = vm;
    publishSuiteVm(vm.endpoints, true);
  } catch (err) {
    throw asUserError(err);
  }
}
