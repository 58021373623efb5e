import { VmClient } from "./client";
import { type VmEndpoints } from "./endpoints";

/** How global setup hands the run's VictoriaMetrics to the jest workers. */
export const SUITE_VM_ENV = "GOLDEN_VM_ENDPOINTS";
const OWNED_ENV = "GOLDEN_VM_OWNED";

/** `owned`: the suite started this server and throws it away whole at the end. */
export function publishSuiteVm(endpoints: VmEndpoints, owned: boolean, env: NodeJS.ProcessEnv = process.env): void {
  env[SUITE_VM_ENV] = JSON.stringify(endpoints);
  env[OWNED_ENV] = owned ? "1" : "";
}

/** Whether the suite started the run's server (else it must delete only its own series). */
export function suiteVmIsOwned(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[OWNED_ENV] === "1";
}

/** The endpoints of the VictoriaMetrics this jest run uses (set by global setup). */
export function suiteVmEndpoints(env: NodeJS.ProcessEnv = process.env): VmEndpoints {
  const published = env[SUITE_VM_ENV];
  if (!published) {
    throw new Error(`${SUITE_VM_ENV} is not set: run the suite through jest with this project's jest.config.ts (npm test).`);
  }
  return JSON.parse(published) as VmEndpoints;
}

/** A client for the run's VictoriaMetrics. */
export function suiteVm(): VmClient {
  return new VmClient(suiteVmEndpoints());
}
