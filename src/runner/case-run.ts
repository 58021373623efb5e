import { randomUUID } from "node:crypto";
import { ClientError, GraphQLClient } from "graphql-request";
import { checkGolden, type GoldenStatus } from "../golden/check";
import { mismatchMessage, missingMessage, type FailureContext } from "../golden/failure-message";
import { GoldenFile } from "../golden/golden-file";
import { normalize, redact } from "../golden/normalize";
import type { UpdateMode } from "../golden/update-mode";
import { createSeriesSet, SeriesError, type SeriesSet } from "../series";
import { suiteVm, suiteVmEndpoints, suiteVmIsOwned } from "../vm/suite-vm";
import type { Answer, CaseContext, CaseDefinition, QueryDefinition } from "./case-definition";
import { fromRoot, goldenPathFor, projectRootOf } from "./layout";
import { writeCaseRecord } from "./run-record";
import { createTarget, type GoldenTarget } from "./target";

export class CaseDataError extends Error {
  override name = "CaseDataError";
}

/** The failure of one query against its golden; its message is the whole report. */
export class GoldenMismatchError extends Error {
  override name = "GoldenMismatchError";
}

interface Connected {
  series: SeriesSet;
  target: GoldenTarget;
  client: GraphQLClient;
}

/**
 * One case module's run: its own namespace and model version, its data ingested once (one
 * import, one flush), each query checked against its golden, the golden file saved once.
 */
export class CaseRun {
  readonly ctx: CaseContext = { namespace: `golden-${randomUUID()}`, modelVersionId: `mv-${randomUUID()}` };
  private readonly golden: GoldenFile;
  private readonly statuses: Record<string, GoldenStatus> = {};
  private connected?: Connected;

  constructor(
    private readonly definition: CaseDefinition,
    private readonly caseFile: string,
    private readonly mode: UpdateMode,
  ) {
    this.golden = GoldenFile.read(goldenPathFor(caseFile));
  }

  /** Builds and ingests the case's data and connects to the target. */
  async prepare(): Promise<void> {
    const series = createSeriesSet({
      scrape: this.definition.scrape,
      commonLabels: { namespace: this.ctx.namespace, model_version_id: this.ctx.modelVersionId },
    });
    try {
      const { counter, gauge, histogram, series: notation } = series;
      this.definition.data({ counter, gauge, histogram, series: notation }, this.ctx);
    } catch (err) {
      // A builder error names the series and the call; any other error needs its stack to be found.
      const why = err instanceof SeriesError || !(err instanceof Error) ? String((err as Error).message ?? err) : err.stack;
      throw new CaseDataError(`case "${this.definition.name}" (${this.relative(this.caseFile)}): data() failed: ${why}`, { cause: err });
    }
    await series.ingest(suiteVm());
    const target = await createTarget(suiteVmEndpoints());
    const client = new GraphQLClient(target.url, { headers: await target.headersFor(this.ctx.namespace) });
    this.connected = { series, target, client };
  }

  /** Runs one query: its oracle check first, then the golden comparison. */
  async check(queryName: string): Promise<void> {
    const { series, target, client } = this.connected!;
    const query = this.definition.queries[queryName]!;
    target.takeQueries?.();
    const answer = await ask(client, query, this.ctx);
    const metricsql = target.takeQueries?.().map((q) => redact(q, this.ctx));
    if (query.check) await query.check({ ...answer, truth: series.truth, ctx: this.ctx });

    const actual = normalize(answer, this.ctx);
    const outcome = await checkGolden(this.golden, queryName, actual, query.tolerance, this.mode);
    this.statuses[queryName] = outcome.status;
    const where: FailureContext = {
      caseName: this.definition.name,
      caseFile: this.relative(this.caseFile),
      queryName,
      goldenFile: this.relative(this.golden.path),
      metricsql,
    };
    if (outcome.status === "missing") throw new GoldenMismatchError(missingMessage(where));
    if (outcome.status === "mismatch") throw new GoldenMismatchError(mismatchMessage(where, outcome.differences, actual, outcome.golden));
  }

  /** Saves the golden file once, handles obsolete entries, records what happened, cleans up. */
  async finish(): Promise<void> {
    const declared = new Set(Object.keys(this.definition.queries));
    const obsolete = this.golden.keys().filter((key) => !declared.has(key));
    const removed = this.mode === "all" ? obsolete : [];
    for (const key of removed) this.golden.delete(key);
    if (this.mode !== "none") this.golden.save();
    writeCaseRecord({
      caseFile: this.caseFile,
      goldenFile: this.golden.path,
      queries: this.statuses,
      obsolete: this.mode === "all" ? [] : obsolete,
      removed,
    });
    await this.connected?.target.close?.();
    // A server we started is thrown away whole; on one we do not own, we delete only our series.
    if (this.connected && !suiteVmIsOwned()) await suiteVm().deleteSeries([`{namespace=${JSON.stringify(this.ctx.namespace)}}`]);
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
async function ask(client: GraphQLClient, query: QueryDefinition, ctx: CaseContext): Promise<Answer> {
  try {
    const { data, errors } = await client.rawRequest(query.query, variablesOf(query, ctx));
    return errors ? { data, errors } : { data };
  } catch (err) {
    if (err instanceof ClientError && err.response.errors) {
      const { data, errors } = err.response as unknown as Answer;
      return data === undefined ? { errors } : { data, errors };
    }
    throw err;
  }
}
