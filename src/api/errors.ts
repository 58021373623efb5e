import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { VmError } from "../vm/client";

/**
 * The codes a client may see (metrics-api.md §6), and yoga's BAD_REQUEST for a body that cannot
 * be read as a GraphQL request. Anything else is a bug and is masked.
 */
export type ErrorCode = "BAD_REQUEST" | "BAD_USER_INPUT" | "NOT_FOUND" | "UNAUTHENTICATED" | "UPSTREAM_UNAVAILABLE";

/** An error meant for the client: its message says what was wrong and what is allowed. */
export function userError(
  code: ErrorCode,
  message: string,
  http?: { status: number; headers?: Record<string, string> },
): GraphQLError {
  return new GraphQLError(message, { extensions: http ? { code, http } : { code } });
}

export const badInput = (message: string) => userError("BAD_USER_INPUT", message);

/** Where details that must not reach the client go (the masked error, the failing query). */
export interface ApiLogger {
  error(message: string, detail?: unknown): void;
}

export const consoleLogger: ApiLogger = {
  error: (message, detail) => console.error(`metrics-api: ${message}`, ...(detail === undefined ? [] : [detail])),
};

/**
 * VictoriaMetrics unreachable, timed out or answering 5xx is the upstream's fault: the client
 * may retry. A 4xx means we sent a query VictoriaMetrics rejects: a bug, so it stays masked.
 */
export function upstreamError(err: unknown, log: ApiLogger): unknown {
  if (!(err instanceof VmError) || (err.status !== undefined && err.status < 500)) return err;
  log.error("victoria-metrics unavailable", err.message);
  return userError(
    "UPSTREAM_UNAVAILABLE",
    "The metrics store (VictoriaMetrics) is unavailable or did not answer in time; try again later.",
  );
}

/**
 * Yoga's maskedErrors hook: errors we raised on purpose pass; anything else (a bug, a
 * VictoriaMetrics 4xx) becomes INTERNAL_SERVER_ERROR for the client, with details in the log.
 */
export function maskError(log: ApiLogger) {
  return (error: unknown, message: string): Error => {
    if (isUserError(error)) return error as GraphQLError;
    log.error("internal error (masked for the client)", error);
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError(message, { path, extensions: { code: "INTERNAL_SERVER_ERROR" } });
  };
}

/** A GraphQLError all the way down: raised by us, by graphql-js (validation) or by Yoga. */
function isUserError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  return error.originalError == null || isUserError(error.originalError);
}

/**
 * graphql-js reports some faults of the request itself without a code, e.g. a variable of the
 * wrong type (`step_seconds: 99999999999` is not an Int). They are the client's input, so they
 * get BAD_USER_INPUT like every other input error. An error with a path belongs to a field, not
 * to the request, and is left as it is (masking already gave any bug its code).
 */
export function useInputErrorCode(): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result || !result.errors?.some(isUncodedRequestError)) return;
      setResult({ ...result, errors: result.errors.map(withInputCode) });
    },
  };
}

const isUncodedRequestError = (error: GraphQLError) => !error.extensions?.code && error.path === undefined;

function withInputCode(error: GraphQLError): GraphQLError {
  if (!isUncodedRequestError(error)) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: "BAD_USER_INPUT" },
  });
}
