import { findVmBinary } from "../vm/binary";
import { endpointsFromEnv } from "../vm/endpoints";
import { VictoriaMetrics, type RunningVm } from "../vm/server";
import { publishSuiteVm } from "../vm/suite-vm";
import { asUserError } from "./user-error";

declare global {
  // Read by global-teardown, which runs in the same process.
  var __GOLDEN_VM__: RunningVm | undefined;
}

/** One VictoriaMetrics per `npm test` run, unless the environment names one the suite does not own. */
export default async function globalSetup(): Promise<void> {
  try {
    const external = endpointsFromEnv();
    if (external) {
      publishSuiteVm(external);
      return;
    }
    const binary = findVmBinary();
    const vm = await VictoriaMetrics.start({ binary: binary.path });
    globalThis.__GOLDEN_VM__ = vm;
    publishSuiteVm(vm.endpoints);
  } catch (err) {
    throw asUserError(err);
  }
}
