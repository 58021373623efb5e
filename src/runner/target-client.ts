import { randomUUID } from "node:crypto";
import type { TargetContext } from "../run/context";
import type { Answer } from "./case-definition";
import type { VmExit } from "./run-service";
import { REQUEST_HEADER, TARGET_ENV, TargetConfigError, type TracedQuery } from "./target";
import { UserError } from "../user-error";
import { exchange, type ExchangeError } from "../http/exchange";

/**
 * A bound on one exchange with the target or the run service, so that one that hangs cannot hold
 * a run forever (jest's test timeout bounds a case's, not the teardown's); fetch's own bounds were
 * the same 300 s.
 */
const TARGET_TIMEOUT_MS = 300_000;

export class TargetUnavailableError extends UserError {
  override name = "TargetUnavailableError";
}

/**
 * A case's side of the target: GraphQL as a plain POST of JSON (a GraphQL client library would
 * load graphql-js, 130 modules, where a POST is all a case needs), and the run service for
 * headers and traces.
 */
export class TargetClient {
  constructor(private readonly target: TargetContext) {}

  /** The headers that authenticate as `namespace`, from the target's own set-up. */
  async headersFor(namespace: string): Promise<Record<string, string>> {
    return ((await this.service("/headers", { namespace })) as { headers: Record<string, string> }).headers;
  }

  /** The MetricsQL the backend ran for one request, when the target reports it. */
  async queriesFor(request: string): Promise<TracedQuery[]> {
    return ((await this.service("/queries", { request })) as { queries: TracedQuery[] }).queries;
  }

  /** Whether the suite's own VictoriaMetrics died; its log comes with the first asking only. */
  async vmExit(): Promise<VmExit> {
    return (await this.service("/vm", {})) as VmExit;
  }

  /** Asks one GraphQL query; the answer with its errors, and the request's name for queriesFor. */
  async ask(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<{ answer: Answer; request: string }> {
    const request = randomUUID();
    let status: number;
    let text: string;
    try {
      ({ status, text } = await exchange(this.target.url, {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          [REQUEST_HEADER]: request,
        },
        body: JSON.stringify({ query, variables }),
        timeoutMs: TARGET_TIMEOUT_MS,
      }));
    } catch (err) {
      throw this.unavailable((err as ExchangeError).phrase("did not answer"), err);
    }
    let body: Answer;
    try {
      body = JSON.parse(text) as Answer;
    } catch (err) {
      throw this.unavailable(`answered HTTP ${status} with a body that is not JSON: ${text.slice(0, 200)}`, err);
    }
    // A GraphQL answer has data or errors (spec, "Response"), whatever its HTTP status.
    if (body === null || typeof body !== "object" || (body.data === undefined && body.errors === undefined)) {
      throw this.unavailable(`answered HTTP ${status} with no GraphQL answer: ${text.slice(0, 200)}`);
    }
    const answer: Answer = body.errors ? { data: body.data, errors: body.errors } : { data: body.data };
    if (answer.data === undefined) delete answer.data;
    return { answer, request };
  }

  private unavailable(what: string, cause?: unknown): TargetUnavailableError {
    const hint = process.env[TARGET_ENV]
      ? ` Start the service ${TARGET_ENV}=${process.env[TARGET_ENV]} points at, or unset ${TARGET_ENV}.`
      : "";
    return new TargetUnavailableError(`the backend at ${this.target.url} ${what}.${hint}`, { cause });
  }

  private async service(path: string, body: Record<string, unknown>): Promise<unknown> {
    const { ok, status, text } = await exchange(`${this.target.service}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.target.token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      timeoutMs: TARGET_TIMEOUT_MS,
    });
    const answer = JSON.parse(text) as { error?: string };
    if (!ok) throw new TargetConfigError(`the target's set-up failed at ${path}: ${answer.error ?? status}`);
    return answer;
  }
}
