import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  backendFailureMessage,
  mismatchMessage,
  missingMessage,
  oracleMessage,
  type FailureContext,
} from "../golden/failure-message";
import { goldenPathFor, fromRoot, projectRootOf } from "../golden/layout";
import { GoldenState, type GoldenRecord } from "../golden/golden-state";
import { caseModuleFingerprint } from "../golden/candidate-file";
import { normalize, redact } from "../golden/normalize";
import { unmatchedPatterns } from "../golden/tolerance";
import { caseFacts } from "../coverage/series-facts";
import type { CaseFacts } from "../coverage/facts";
import { runContext, type RunContext } from "../run/context";
import { createSeriesSet, SeriesError, type SeriesSet } from "../series";
import { TIME_BASE } from "../series/time";
import { VmClient } from "../vm/client";
import {
  type Answer,
  type CaseContext,
  type CaseDefinition,
  CaseDefinitionError,
  type QueryDefinition,
} from "./case-definition";
import { declaredVariables, locateInSource } from "./query-document";
import { writeCaseRecord } from "./run-record";
import type { VmExit } from "./run-service";
import type { TracedQuery } from "./target";
import { TargetClient } from "./target-client";
import { UserError } from "../user-error";

export class CaseDataError extends UserError {
  override name = "CaseDataError";
}

/** A query of a case whose preparation failed: the first query showed why. */
export class CaseNotRunError extends UserError {
  override name = "CaseNotRunError";
}

/** The failure of one query against its golden; its message is the whole report. */
export class GoldenMismatchError extends UserError {
  override name = "GoldenMismatchError";
}

/** The backend answered that it failed: never a golden, in any mode. */
export class BackendFailureError extends UserError {
  override name = "BackendFailureError";
}

/** The suite's own VictoriaMetrics died mid-run: the one fact behind every failure after it. */
export class VmExitedError extends UserError {
  override name = "VmExitedError";
}

/** A query's oracle failed on an answer that carries errors: the errors are the news. */
export class OracleOnErrorsError extends UserError {
  override name = "OracleOnErrorsError";
}

/** A query's oracle failed: jest's message, inside the context of the golden comparison it stopped. */
export class OracleFailedError extends UserError {
  override name = "OracleFailedError";
}

interface Prepared {
  series: SeriesSet;
  headers: Record<string, string>;
}

/**
 * One case module's run, which only orchestrates: its own namespace and model version, its
 * data ingested once (one import, one flush), each query asked of the run's target and matched
 * by the golden state, the golden file saved once, what happened recorded for the summary.
 */
export class CaseRun {
  readonly ctx: CaseContext;
  private readonly run: RunContext = runContext();
  private readonly target = new TargetClient(this.run.target);
  private golden?: GoldenState;
  private prepared?: Prepared;
  /** The case's series once data() has built them, for the coverage facts of its record. */
  private built?: SeriesSet;
  /** Set once data may have reached VictoriaMetrics, so that finish() cleans it up. */
  private ingested = false;
  /** Why prepare() failed, and whether a query has shown it yet. */
  private preparation?: { error: unknown; shown: boolean };

  constructor(
    private readonly definition: CaseDefinition,
    private readonly caseFile: string,
  ) {
    const namespace = `golden-${randomUUID()}${definition.namespaceSuffix ?? ""}`;
    this.ctx = { namespace, modelVersionId: `mv-${randomUUID()}` };
  }

  /**
   * Opens the golden file, builds the case's data, gets the case's credentials, ingests. A failure
   * is kept for the queries to report: the first shows it whole, the others point at it (a
   * failing beforeAll would print the same error once per query).
   */
  async prepare(): Promise<void> {
    try {
      await this.prepareOnce();
    } catch (err) {
      this.preparation = { error: err, shown: false };
    }
  }

  private async prepareOnce(): Promise<void> {
    this.golden = GoldenState.open(
      goldenPathFor(this.caseFile),
      this.run.mode,
      caseModuleFingerprint(this.caseFile) ?? undefined,
    );
    const series = (this.built = this.buildSeries());
    // The credentials and the ingest are independent: asked at once, the case waits for the slower.
    const headers = this.target.headersFor(this.ctx.namespace);
    headers.catch(() => {}); // awaited below, once the ingest has settled
    this.ingested = true;
    try {
      await series.ingest(new VmClient(this.run.vm.endpoints));
    } catch (err) {
      throw await this.whyVmFailed(err);
    }
    this.prepared = { series, headers: await headers };
  }

  /** Runs one query: refuses what is no answer, runs its oracle, then matches it with its golden. */
  async check(queryName: string): Promise<void> {
    if (this.preparation) throw this.preparationFailure();
    const golden = this.golden!;
    const { series, headers } = this.prepared!;
    golden.begin(queryName);
    const query = this.definition.queries[queryName]!;
    const variables = variablesOf(query, this.ctx);
    this.refuseUndeclaredVariables(queryName, query, variables);
    const { answer, request } = await this.target.ask(query.query, variables, headers);
    const where = async (): Promise<FailureContext> => ({
      caseName: this.definition.name,
      caseFile: this.relative(this.caseFile),
      queryName,
      goldenFile: this.relative(golden.path),
      metricsql: describeQueries(await this.target.queriesFor(request), this.ctx),
    });
    // A backend failure first: one answered without data (a 503 page, a masked set-up error)
    // is the backend's, not a mistake in the query.
    await this.refuseBackendFailure(answer, where);
    this.refuseRequestErrors(queryName, query, answer);
    if (query.check) await this.runOracle(query, answer, series, where);

    const actual = normalize(answer, this.ctx);
    if (!answer.errors) this.refuseUnmatchedTolerance(queryName, actual, query);
    // A candidate notes what the oracle said: here it passed, or there is none (a failing one threw above).
    const outcome = await golden.match(queryName, actual, query.tolerance, query.check ? "passed" : "none");
    if (outcome.status !== "missing" && outcome.status !== "mismatch") return;
    // the golden state kept this answer as a candidate: the message says where
    const failure = { ...(await where()), candidateFile: this.relative(golden.candidatePath) };
    if (outcome.status === "missing") throw new GoldenMismatchError(missingMessage(failure));
    throw new GoldenMismatchError(mismatchMessage(failure, outcome.differences, actual, outcome.golden));
  }

  /** Saves the golden file once, records what happened, deletes the case's series from a server it does not own. */
  async finish(): Promise<void> {
    let unsaved: unknown;
    try {
      const declared = Object.keys(this.definition.queries);
      try {
        this.golden?.save(declared);
      } catch (err) {
        unsaved = err;
      }
      const record: GoldenRecord = this.golden?.record() ?? {
        goldenFile: goldenPathFor(this.caseFile),
        queries: {},
        obsolete: [],
        removed: [],
      };
      // Each query that ran has its status; one a -t filter skipped has none. A failed
      // preparation failed every query.
      if (this.preparation) for (const name of declared) record.queries[name] = "error";
      writeCaseRecord(this.run.runDir, {
        caseFile: this.caseFile,
        caseName: this.definition.name,
        ...record,
        facts: this.facts(),
      });
    } finally {
      // A server we started is thrown away whole; on one we do not own, we delete what we wrote.
      if (this.ingested && !this.run.vm.owned) {
        try {
          await this.deleteSeries();
        } catch (err) {
          if (!unsaved) throw err; // the golden that was not saved is the news
        }
      }
    }
    if (unsaved) throw unsaved;
  }

  /** What the coverage of the metrics surface needs of this case: its series and its queries, as plain data. */
  private facts(): CaseFacts | undefined {
    if (!this.built) return undefined;
    try {
      const queries = Object.entries(this.definition.queries).map(([name, query]) => {
        // As the request body carries them: Dates become ISO strings.
        const variables = JSON.parse(JSON.stringify(variablesOf(query, this.ctx))) as Record<string, unknown>;
        return [name, { document: query.query, variables }] as const;
      });
      return caseFacts(this.ctx, this.built.allSeries(), this.built.scrape, Object.fromEntries(queries));
    } catch {
      return undefined; // a variables function that throws failed its query already; the coverage says partial
    }
  }

  /** The case's series, and those under names it derived from its own (`<namespace>-neighbour`). */
  private deleteSeries(): Promise<void> {
    const ownOrDerived = (id: string) => JSON.stringify(`${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(-.+)?`);
    return new VmClient(this.run.vm.endpoints).deleteSeries([
      `{namespace=~${ownOrDerived(this.ctx.namespace)}}`,
      `{model_version_id=~${ownOrDerived(this.ctx.modelVersionId)}}`,
    ]);
  }

  /**
   * The oracle runs before the golden comparison. Its failure is shown inside that comparison's
   * context, with the case file's line (jest would show the line alone, and a bare "Expected: 0
   * Received: 4" there says nothing of the query or golden); on an answer with errors, it names them.
   */
  private async runOracle(
    query: QueryDefinition,
    answer: Answer,
    series: SeriesSet,
    where: () => Promise<FailureContext>,
  ): Promise<void> {
    try {
      await query.check!({ ...answer, truth: series.truth, ctx: this.ctx });
    } catch (err) {
      const said = err instanceof Error ? err.message : String(err);
      const at = err instanceof Error ? this.callerOf(err) : "";
      // No cause: jest would print the oracle's message a second time under it.
      if (!answer.errors?.length) throw new OracleFailedError(oracleMessage(await where(), said, at));
      throw new OracleOnErrorsError(oracleMessage(await where(), said, at, answer.errors.map(this.describeError)));
    }
  }

  /** ` at cases/x.case.ts:12:5` when the error's first frame is in the case file, else nothing. */
  private callerOf(err: Error): string {
    const frame = err.stack?.split("\n").find((line) => /^\s+at /.test(line));
    const at = frame && /([^\s(]+):(\d+):(\d+)\)?$/.exec(frame);
    return at && at[1] === this.caseFile ? ` at ${this.relative(at[1])}:${at[2]}:${at[3]}` : "";
  }

  private preparationFailure(): unknown {
    const preparation = this.preparation!;
    if (!preparation.shown) {
      preparation.shown = true;
      return preparation.error;
    }
    const first = String((preparation.error as Error | null)?.message ?? preparation.error).split("\n")[0];
    return new CaseNotRunError(
      `case "${this.definition.name}" did not run: its preparation failed, as the first of its queries above shows (${first})`,
    );
  }

  private buildSeries(): SeriesSet {
    const series = createSeriesSet({
      scrape: this.definition.scrape,
      commonLabels: { namespace: this.ctx.namespace, model_version_id: this.ctx.modelVersionId },
    });
    const where = `case "${this.definition.name}" (${this.relative(this.caseFile)}): data()`;
    let returned: unknown;
    try {
      const { counter, gauge, histogram, series: notation } = series;
      returned = this.definition.data({ counter, gauge, histogram, series: notation }, this.ctx);
    } catch (err) {
      // A builder error names the series and the call, and its stack starts at the case's line
      // (src/series/errors.ts); any other error needs its whole stack to be found.
      if (err instanceof SeriesError) throw new CaseDataError(`${where} failed${this.callerOf(err)}: ${err.message}`);
      const why = err instanceof Error ? err.stack : String(err);
      throw new CaseDataError(`${where} failed: ${why}`);
    }
    if (typeof (returned as Promise<unknown> | undefined)?.then === "function") {
      throw new CaseDataError(
        `${where} returned a promise: it must build its series synchronously (no async, no await).`,
      );
    }
    return series;
  }

  /**
   * Errors with no `data` at all were raised before execution (GraphQL spec, "Response"): the
   * document or its variables do not fit the schema, or the request was not authenticated. That
   * is a mistake in the case or the target, never an answer to keep. (An error in execution, such
   * as NOT_FOUND, comes with `data: null` and is a valid golden.)
   */
  private refuseRequestErrors(queryName: string, query: QueryDefinition, answer: Answer): void {
    if (!answer.errors || answer.data !== undefined) return;
    let source = "";
    try {
      source = readFileSync(this.caseFile, "utf8");
    } catch {
      // the messages alone, then
    }
    const where = (e: NonNullable<Answer["errors"]>[number]) => {
      const at = e.locations?.[0];
      const inFile = at && locateInSource(source, query.query, at);
      if (inFile) return ` (${this.relative(this.caseFile)}:${inFile.line}:${inFile.column})`;
      return at ? ` (line ${at.line}, column ${at.column} of the query)` : "";
    };
    throw new CaseDefinitionError(
      `${this.relative(this.caseFile)}: queries.${queryName}: the API refused the request before running it ` +
        `(check the query and its variables): ${answer.errors.map((e) => `${e.message}${where(e)}`).join("; ")}`,
    );
  }

  /** A variable the document does not declare would be dropped without a word, and the golden written without it. */
  private refuseUndeclaredVariables(
    queryName: string,
    query: QueryDefinition,
    variables: Record<string, unknown>,
  ): void {
    const declared = declaredVariables(query.query);
    const given = Object.keys(variables).filter(
      (name) => name !== "model_version_id" || declared.has(name) || hasOwn(query, name),
    );
    const undeclared = given.filter((name) => !declared.has(name));
    if (undeclared.length === 0) return;
    const list = [...declared].map((name) => `$${name}`).join(", ") || "none";
    throw new CaseDefinitionError(
      `${this.relative(this.caseFile)}: queries.${queryName}.variables: the query does not declare ${undeclared.map((n) => `$${n}`).join(", ")} ` +
        `(it declares ${list}), so the API would ignore ${undeclared.length === 1 ? "it" : "them"}. ` +
        `Declare ${undeclared.length === 1 ? "it" : "them"} in the query, e.g. query ($${undeclared[0]}: Int), or remove ${undeclared.length === 1 ? "it" : "them"}.`,
    );
  }

  /** An answer that says the backend failed is a fact about the backend, never about the query. */
  private async refuseBackendFailure(answer: Answer, where: () => Promise<FailureContext>): Promise<void> {
    const failures = (answer.errors ?? []).filter((e) =>
      this.run.target.failureCodes.includes(String(e.extensions?.code)),
    );
    if (failures.length === 0) return;
    const died = await this.whyVmFailed(undefined);
    if (died) throw died;
    throw new BackendFailureError(backendFailureMessage(await where(), failures.map(this.describeError)));
  }

  /** An answer's error as a failure shows it: its code and its message, with the case's ids as placeholders. */
  private readonly describeError = (e: NonNullable<Answer["errors"]>[number]): string =>
    `${String(e.extensions?.code ?? "(no code)")}: ${redact(e.message, this.ctx)}`;

  /**
   * When the suite's own VictoriaMetrics has died, that is the error to show (with its last log
   * lines, once per run), instead of a connection refused in every case after it; else `err`.
   */
  private async whyVmFailed(err: unknown): Promise<unknown> {
    if (!this.run.vm.owned) return err;
    const exit = await this.target.vmExit().catch(() => ({}) as VmExit);
    if (exit.status === undefined) return err;
    const log =
      exit.log === undefined
        ? "Its last log lines are in the first failure of this run."
        : `Its last log lines:\n${exit.log}`;
    // No cause: the connection refused it would add is what this message replaces.
    return new VmExitedError(
      `the suite's VictoriaMetrics exited during the run (${exit.status}), so this case and the ones after it fail. ${log}`,
    );
  }

  private refuseUnmatchedTolerance(
    queryName: string,
    actual: ReturnType<typeof normalize>,
    query: QueryDefinition,
  ): void {
    const [unmatched] = unmatchedPatterns(actual, query.tolerance);
    if (!unmatched) return;
    const nearest = unmatched.nearest ? ` Did you mean "${unmatched.nearest}"?` : "";
    throw new CaseDefinitionError(
      `${this.relative(this.caseFile)}: queries.${queryName}.tolerance: no number of the answer is at "${unmatched.pattern}".${nearest} ` +
        "Patterns are paths from data, with [*] for any index and * for any field, e.g. range_model_metrics.response_time_percentiles[*].p99",
    );
  }

  private relative(path: string): string {
    return fromRoot(projectRootOf(this.caseFile), path);
  }
}

/** Whether the case gave `name` itself, rather than the runner filling it in. */
function hasOwn(query: QueryDefinition, name: string): boolean {
  return typeof query.variables === "object" && Object.hasOwn(query.variables, name);
}

function variablesOf(query: QueryDefinition, ctx: CaseContext): Record<string, unknown> {
  const given = typeof query.variables === "function" ? query.variables(ctx) : (query.variables ?? {});
  return { model_version_id: ctx.modelVersionId, ...given };
}

const atTs = (seconds: number) => `ts(${seconds - TIME_BASE.getTime() / 1000})`;

/** Each MetricsQL query with where it was evaluated, so a shifted window shows as such. */
function describeQueries(queries: TracedQuery[], ctx: CaseContext): string[] {
  return queries.map((q) => {
    const at =
      q.step !== undefined && q.start !== undefined && q.end !== undefined
        ? `range ${atTs(q.start)}..${atTs(q.end)} step ${q.step}s`
        : q.time !== undefined
          ? `instant at ${atTs(q.time)}`
          : "";
    return `${at ? `[${at}] ` : ""}${redact(q.query, ctx)}`;
  });
}
