import type { TargetContext } from "../../run/context";
import type { CreateTarget } from "../target";
import { TargetClient } from "../target-client";

/** The environment variable that carries the parent run's target to a child run. */
export const PARENT_TARGET_ENV = "FIXTURE_PARENT_TARGET";

/**
 * The GOLDEN_TARGET of a workflow test's child run on the parent's VictoriaMetrics: the parent
 * run's reference API, with credentials and traces from the parent's run service. A child run
 * then loads and starts no API of its own (about 0.3 s of CPU a run). Runs on a VictoriaMetrics
 * of their own keep a reference API of their own (FixtureProject.run).
 */
export const createTarget: CreateTarget = () => {
  const parent = JSON.parse(process.env[PARENT_TARGET_ENV]!) as TargetContext;
  const client = new TargetClient(parent);
  return {
    url: parent.url,
    headersFor: (namespace) => client.headersFor(namespace),
    queriesFor: (request) => client.queriesFor(request),
  };
};
