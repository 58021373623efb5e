import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "@jest/types";
import { publishUpdateMode, updateMode } from "../golden/update-mode";
import { goldensInWorkingTree } from "../report";
import { findVmBinary } from "../vm/binary";
import { VmClient } from "../vm/client";
import { endpointsFromEnv, VmConfigError, type VmEndpoints } from "../vm/endpoints";
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
  const mode = updateMode(globalConfig.updateSnapshot);
  publishUpdateMode(mode);
  if (mode === "all") globalThis.__GOLDENS_BEFORE__ = goldensInWorkingTree(globalConfig.rootDir);
  try {
    const external = endpointsFromEnv();
    if (external) {
      await expectAnswering(external);
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

/** A server named by the environment must answer before any case writes to it: one clear error, not one per test. */
async function expectAnswering(endpoints: VmEndpoints): Promise<void> {
  try {
    await new VmClient(endpoints, 5_000).query("1");
  } catch (err) {
    const named = process.env.VM_URL ? `VM_URL=${process.env.VM_URL}` : `VM_SELECT_URL=${process.env.VM_SELECT_URL}`;
    throw new VmConfigError(
      `${named} does not answer: ${(err as Error).message}\nStart that VictoriaMetrics, or unset the variable to let the suite start its own.`,
    );
  }
}
