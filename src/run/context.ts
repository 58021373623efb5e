import type { UpdateMode } from "../golden/update-mode";
import { VmClient } from "../vm/client";
import type { VmEndpoints } from "../vm/endpoints";
import { UserError } from "../user-error";

/**
 * What global setup decides once per run and every test file and case reads: the one channel
 * between them (jest runs test files in fresh module registries, often in its workers, and the
 * cases run in a process of their own, so it is an environment variable, which child processes
 * inherit).
 */
export interface RunContext {
  /** What this run may write (golden/update-mode.ts). */
  mode: UpdateMode;
  /** Where each case module records what it did to its golden, for the summary at teardown. */
  runDir: string;
  /** `owned`: the suite started this server and throws it away whole at the end. */
  vm: { endpoints: VmEndpoints; owned: boolean };
  target: TargetContext;
}

/** The backend under test, started once per run, and the run service that speaks for it. */
export interface TargetContext {
  /** The GraphQL endpoint the case files ask. */
  url: string;
  /** The run service's base URL (runner/run-service.ts) and the token it wants. */
  service: string;
  token: string;
  /** Error codes that mean "the backend failed": such an answer is never a golden. */
  failureCodes: string[];
}

const RUN_ENV = "GOLDEN_RUN";

export function publishRunContext(context: RunContext, env: NodeJS.ProcessEnv = process.env): void {
  env[RUN_ENV] = JSON.stringify(context);
}

export class NoRunContextError extends UserError {
  override name = "NoRunContextError";
}

let cached: { text: string; context: RunContext } | undefined;

/** The run's context, as global setup published it. */
export function runContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const text = env[RUN_ENV];
  if (!text) {
    throw new NoRunContextError(
      `${RUN_ENV} is not set: this file runs inside the golden suite's jest run (npm test), whose global setup starts what it needs.`,
    );
  }
  if (cached?.text !== text) cached = { text, context: JSON.parse(text) as RunContext };
  return cached.context;
}

/** A client for the run's VictoriaMetrics (tests that talk to it directly use this). */
export function runVm(env: NodeJS.ProcessEnv = process.env): VmClient {
  return new VmClient(runContext(env).vm.endpoints);
}
