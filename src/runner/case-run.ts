import { randomUUID } from "node:crypto";
import { ClientError, GraphQLClient } from "graphql-request";
import { checkGolden, type GoldenStatus } from "../golden/check";
import { mismatchMessage, missingMessage, type FailureContext } from "../golden/failure-message";
import { GoldenFile, GoldenFileError } from "../golden/golden-file";
import { normalize, redact } from "../golden/normalize";
import { unmatchedPatterns } from "../golden/tolerance";
import type { UpdateMode } from "../golden/update-mode";
import { createSeriesSet, SeriesError, type SeriesSet } from "../series";
import { suiteVm, suiteVmEndpoints, suiteVmIsOwned } from "../vm/suite-vm";
import { type Answer, type CaseContext, type CaseDefinition, CaseDefinitionError, type QueryDefinition } from "./case-definition";
import { fromRoot, goldenPathFor, projectRootOf } from "./layout";
import { writeCaseRecord } from "./run-record";
import { createTarget, TARGET_ENV, type GoldenTarget } from "./target";

export class CaseDataError extends Error {
  override name = "CaseDataError";
}

/** The failure of one query against its golden; its message is the whole report. */
export class GoldenMismatchError extends Error {
  override name = "GoldenMismatchError";
}

export class TargetUnavailableError extends Error {
  override name = "TargetUnavailableError";
}

interface Connected {
  series: SeriesSet;
  target: GoldenTarget;
  client: GraphQLClient;
  golden: GoldenFile;
}

/**
 * One case module's run: its own namespace and model version, its data ingested once (one
 * import, one flush), each query checked against its golden, the golden file saved once.
 */
export class CaseRun {
  readonly ctx: CaseContext = { namespace: `golden-${randomUUID()}`, modelVersionId: `mv-${randomUUID()}` };
  private readonly statuses: Record<string, GoldenStatus> = {};
  private connected?: Connected;
  /** Set once data may have reached VictoriaMetrics, so that finish() cleans it up. */
  private ingested = false;

  constructor(
    private readonly definition: CaseDefinition,
    private readonly caseFile: string,
    private readonly mode: UpdateMode,
  ) {}

  /** Reads the golden file, builds the case's data, connects to the target, ingests. */
  async prepare(): Promise<void> {
    try {
      const golden = this.readGolden();
      const series = this.buildSeries();
      const target = await createTarget(suiteVmEndpoints());
      const client = new GraphQLClient(target.url, { headers: await target.headersFor(this.ctx.namespace) });
      this.connected = { series, target, client, golden };
      this.ingested = true;
      await series.ingest(suiteVm());
    } catch (err) {
      for (const queryName of Object.keys(this.definition.queries)) this.statuses[queryName] = "error";
      throw err;
    }
  }

  /** Runs one query: its oracle check first, then the golden comparison. */
  async check(queryName: string): Promise<void> {
    this.statuses[queryName] = "error"; // until the comparison says otherwise
    const { series, target, client, golden } = this.connected!;
    const query = this.definition.queries[queryName]!;
    target.takeQueries?.();
    const answer = await ask(client, query, this.ctx, target.url);
    const metricsql = target.takeQueries?.().map((q) => redact(q, this.ctx));
    this.refuseRequestErrors(queryName, answer);
    if (query.check) await query.check({ ...answer, truth: series.truth, ctx: this.ctx });

    const actual = normalize(answer, this.ctx);
    if (!answer.errors) {
      const [unmatched] = unmatchedPatterns(actual, query.tolerance);
      if (unmatched) {
        const nearest = unmatched.nearest ? ` Did you mean "${unmatched.nearest}"?` : "";
        throw new CaseDefinitionError(
          `${this.relative(this.caseFile)}: queries.${queryName}.tolerance: no number of the answer is at "${unmatched.pattern}".${nearest} ` +
            "Patterns are paths from data, with [*] for any index and * for any field, e.g. range_model_metrics.response_time_percentiles[*].p99",
        );
      }
    }
    const outcome = await checkGolden(golden, queryName, actual, query.tolerance, this.mode);
    this.statuses[queryName] = outcome.status;
    const where: FailureContext = {
      caseName: this.definition.name,
      caseFile: this.relative(this.caseFile),
      queryName,
      goldenFile: this.relative(golden.path),
      metricsql,
    };
    if (outcome.status === "missing") throw new GoldenMismatchError(missingMessage(where));
    if (outcome.status === "mismatch") throw new GoldenMismatchError(mismatchMessage(where, outcome.differences, actual, outcome.golden));
  }

  /** Saves the golden file once, handles obsolete entries, records what happened, cleans up. */
  async finish(): Promise<void> {
    try {
      const golden = this.connected?.golden;
      const declared = new Set(Object.keys(this.definition.queries));
      const obsolete = golden ? golden.keys().filter((key) => !declared.has(key)) : [];
      const removed = this.mode === "all" ? obsolete : [];
      for (const key of removed) golden!.delete(key);
      if (this.mode !== "none") golden?.save();
      writeCaseRecord({
        caseFile: this.caseFile,
        goldenFile: goldenPathFor(this.caseFile),
        queries: this.statuses,
        obsolete: this.mode === "all" ? [] : obsolete,
        removed,
      });
    } finally {
      await this.connected?.target.close?.();
      // A server we started is thrown away whole; on one we do not own, we delete what we wrote.
      if (this.ingested && !suiteVmIsOwned()) {
        await suiteVm().deleteSeries([`{namespace=${JSON.stringify(this.ctx.namespace)}}`, `{model_version_id=${JSON.stringify(this.ctx.modelVersionId)}}`]);
      }
    }
  }

  /** An unreadable golden (a merge conflict left in it) fails the case, except in an update, which rewrites it. */
  private readGolden(): GoldenFile {
    const path = goldenPathFor(this.caseFile);
    try {
      return GoldenFile.read(path);
    } catch (err) {
      if (!(err instanceof GoldenFileError) || this.mode !== "all") throw err;
      return GoldenFile.empty(path);
    }
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
      // A builder error names the series and the call; any other error needs its stack to be found.
      const why = err instanceof SeriesError || !(err instanceof Error) ? String((err as Error | null)?.message ?? err) : err.stack;
      throw new CaseDataError(`${where} failed: ${why}`, { cause: err });
    }
    if (typeof (returned as Promise<unknown> | undefined)?.then === "function") {
      throw new CaseDataError(`${where} returned a promise: it must build its series synchronously (no async, no await).`);
    }
    return series;
  }

  /**
   * Errors with no `data` at all were raised before execution (GraphQL spec, "Response"): the
   * document or its variables do not fit the schema, or the request was not authenticated. That
   * is a mistake in the case or the target, never an answer to keep. (An error in execution, such
   * as NOT_FOUND, comes with `data: null` and is a valid golden.)
   */
  private refuseRequestErrors(queryName: string, answer: Answer): void {
    if (!answer.errors || answer.data !== undefined) return;
    throw new CaseDefinitionError(
      `${this.relative(this.caseFile)}: queries.${queryName}: the API refused the request before running it ` +
        `(check the query and its variables): ${answer.errors.map((e) => e.message).join("; ")}`,
    );
  }

  private relative(path: string): string {
    return fromRoot(projectRootOf(this.caseFile), path);
  }
}

function variablesOf(query: QueryDefinition, ctx: CaseContext): Record<string, unknown> {
  const given = typeof query.variables === "function" ? query.variables(ctx) : (query.variables ?? {});
  return { model_version_id: ctx.modelVersionId, ...given };
}

/** The answer with its GraphQL errors: an error answer is a valid golden too. */
async function ask(client: GraphQLClient, query: QueryDefinition, ctx: CaseContext, url: string): Promise<Answer> {
  try {
    const { data, errors } = await client.rawRequest(query.query, variablesOf(query, ctx));
    return errors ? { data, errors } : { data };
  } catch (err) {
    if (err instanceof ClientError && err.response.errors) {
      const { data, errors } = err.response as unknown as Answer;
      return data === undefined ? { errors } : { data, errors };
    }
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new TargetUnavailableError(
      `the backend at ${url} did not answer (${cause}).` +
        (process.env[TARGET_ENV] ? ` Start the service ${TARGET_ENV}=${process.env[TARGET_ENV]} points at, or unset ${TARGET_ENV}.` : ""),
      { cause: err },
    );
  }
}
