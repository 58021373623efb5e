import { isAbsolute, resolve } from "node:path";
import type { VmEndpoints } from "../vm/endpoints";

/**
 * The GraphQL backend the goldens are checked against. By default the reference API runs
 * in-process (reference-target.ts); GOLDEN_TARGET names a module that supplies another one.
 */
export interface GoldenTarget {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  readonly url: string;
  /** Headers that authenticate a request as `namespace` (each case has its own). */
  headersFor(namespace: string): Promise<Record<string, string>> | Record<string, string>;
  /** The MetricsQL the backend ran since the last call, shown in failures; optional. */
  takeQueries?(): string[];
  close?(): Promise<void>;
}

/** What a GOLDEN_TARGET module exports: `createTarget` (or a default export of the same). */
export type CreateTarget = (options: { vm: VmEndpoints }) => Promise<GoldenTarget> | GoldenTarget;

export const TARGET_ENV = "GOLDEN_TARGET";

export class TargetConfigError extends Error {
  override name = "TargetConfigError";
}

export async function createTarget(vm: VmEndpoints, env: NodeJS.ProcessEnv = process.env): Promise<GoldenTarget> {
  const modulePath = env[TARGET_ENV];
  if (!modulePath) {
    // Loaded lazily: a team pointing the suite at its own backend never starts the reference API.
    const { createReferenceTarget } = await import("./reference-target");
    return createReferenceTarget({ vm });
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
    throw new TargetConfigError(`${TARGET_ENV}=${modulePath}: the module exports no createTarget({ vm }) function (nor a default one).`);
  }
  return factory({ vm });
}
