import { rmSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { UpdateMode } from "../golden/update-mode";
import { publishRunContext, type RunContext } from "../run/context";
import { processTempDir, sweepOrphans } from "../run/temp-dirs";
import { findVmBinary } from "../vm/binary";
import { VmClient } from "../vm/client";
import { endpointsFromEnv, VmConfigError, type VmEndpoints } from "../vm/endpoints";
import { VictoriaMetrics, type RunningVm } from "../vm/server";
import { startRunService } from "./run-service";
import { BACKEND_FAILURE_CODES, TARGET_ENV, TargetConfigError, type CreateTarget, type GoldenTarget } from "./target";

/** Everything one run starts, once: its record dir, VictoriaMetrics, the target, the run service. */
export interface SuiteRun {
  readonly context: RunContext;
  /** Stops what was started, newest first; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Temp dirs of runs and of the workflow tests' fixture projects. A run cleans up its own, however
 * it ends but SIGKILL; the next run removes those whose process is gone.
 */
export const RUN_TEMP_PREFIXES = ["golden-run-", "golden-fixture-"] as const;

/**
 * Starts what a run needs once and publishes the run context for the test files. Each part's
 * clean-up is registered the moment the part exists, so a failure half-way leaves nothing.
 * (VictoriaMetrics is also owned by its reaper, so even a SIGKILLed run leaves no server.)
 */
export async function startSuiteRun(mode: UpdateMode): Promise<SuiteRun> {
  const cleanups: Array<() => Promise<void> | void> = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      let first: unknown;
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (err) {
          first ??= err;
        }
      }
      if (first) throw first;
    })());

  try {
    sweepOrphans(RUN_TEMP_PREFIXES);
    const runDir = processTempDir("golden-run-");
    cleanups.push(() => rmSync(runDir, { recursive: true, force: true }));
    // The target's code loads while VictoriaMetrics starts in its own process (the reference API
    // loads graphql-yoga: about 0.3 s of this one).
    const { vm, server, meanwhile: createTarget } = await startVm(cleanups, loadTarget);
    const target = await createTarget({ vm: vm.endpoints });
    cleanups.push(() => target.close?.());
    const vmExit = async () => {
      const status = await server?.exitStatus();
      return status === undefined ? undefined : { status, log: server!.logTail() };
    };
    const service = await startRunService(target, { vmExit });
    cleanups.push(() => service.close());
    const context: RunContext = {
      mode,
      runDir,
      vm,
      target: {
        url: target.url,
        service: service.url,
        token: service.token,
        failureCodes: [...BACKEND_FAILURE_CODES, ...(target.failureCodes ?? [])],
      },
    };
    publishRunContext(context);
    return { context, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}

/**
 * The server the environment names, or one of our own, owned by its reaper; `meanwhile` runs
 * while it starts. Whichever fails, the server's clean-up is registered before the error goes on.
 */
async function startVm<T>(
  cleanups: Array<() => Promise<void> | void>,
  meanwhile: () => Promise<T>,
): Promise<{ vm: RunContext["vm"]; server?: RunningVm; meanwhile: T }> {
  const external = endpointsFromEnv();
  if (external) {
    // One query, not a start-up to overlap; and its timeout must not run while a module loads.
    await expectAnswering(external);
    return { vm: { endpoints: external, owned: false }, meanwhile: await meanwhile() };
  }
  let running: Promise<T> | undefined;
  const onSpawned = () => {
    // Once, though a port taken in a race spawns the server again.
    running ??= meanwhile();
    running.catch(() => {}); // awaited below, once the server is up (or its failure has been thrown)
  };
  const server = await VictoriaMetrics.start({ binary: findVmBinary().path, onSpawned });
  cleanups.push(() => server.stop());
  return { vm: { endpoints: server.endpoints, owned: true }, server, meanwhile: await (running ?? meanwhile()) };
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

/** How to create the target of this run: GOLDEN_TARGET's module, or the reference API. */
async function loadTarget(env: NodeJS.ProcessEnv = process.env): Promise<CreateTarget> {
  const modulePath = env[TARGET_ENV];
  if (!modulePath) {
    // Loaded lazily: a team pointing the suite at its own backend never loads the reference API.
    return (await import("./reference-target")).createReferenceTarget;
  }
  const path = isAbsolute(modulePath) ? modulePath : resolve(process.cwd(), modulePath);
  let loaded: { createTarget?: CreateTarget; default?: CreateTarget };
  try {
    loaded = require(path) as typeof loaded;
  } catch (err) {
    throw new TargetConfigError(`${TARGET_ENV}=${modulePath}: cannot load ${path}: ${(err as Error).message}`);
  }
  const factory = loaded.createTarget ?? loaded.default;
  if (typeof factory !== "function") {
    throw new TargetConfigError(
      `${TARGET_ENV}=${modulePath}: the module exports no createTarget({ vm }) function (nor a default one).`,
    );
  }
  return factory;
}
