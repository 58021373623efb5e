import type { VmEndpoints } from "../vm/endpoints";
import { UserError } from "../user-error";

/**
 * The GraphQL backend the goldens are checked against, set up once per run in global setup:
 * the reference API (reference-target.ts), or what the module GOLDEN_TARGET names supplies.
 * Case files reach it over HTTP; what only the set-up knows (credentials, the MetricsQL it ran)
 * they ask of the run service (run-service.ts).
 */
export interface GoldenTarget {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  readonly url: string;
  /** Headers that authenticate a request as `namespace` (each case has its own). */
  headersFor(namespace: string): Promise<Record<string, string>> | Record<string, string>;
  /**
   * The MetricsQL the backend ran for the GraphQL request that carried the header
   * `x-golden-request: <request>`, shown in failures; optional.
   */
  queriesFor?(request: string): Promise<TracedQuery[]> | TracedQuery[];
  /** Error codes that mean this backend failed, besides BACKEND_FAILURE_CODES: never a golden. */
  failureCodes?: string[];
  close?(): Promise<void>;
}

/** One MetricsQL query as the backend sent it; times in Unix seconds. */
export interface TracedQuery {
  query: string;
  /** An instant query's evaluation time. */
  time?: number;
  /** A range query's start, end and step. */
  start?: number;
  end?: number;
  step?: number;
}

/** What a GOLDEN_TARGET module exports: `createTarget` (or a default export of the same). */
export type CreateTarget = (options: { vm: VmEndpoints }) => Promise<GoldenTarget> | GoldenTarget;

export const TARGET_ENV = "GOLDEN_TARGET";
/** The header each case file's GraphQL request carries, so that its MetricsQL can be found again. */
export const REQUEST_HEADER = "x-golden-request";
/** Codes of the metrics API contract that say the backend failed, not that the question was wrong. */
export const BACKEND_FAILURE_CODES: readonly string[] = ["UPSTREAM_UNAVAILABLE", "INTERNAL_SERVER_ERROR"];

export class TargetConfigError extends UserError {
  override name = "TargetConfigError";
}
