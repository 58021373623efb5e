import type { GraphQLResolveInfo } from "graphql";
import type { VmClient } from "../vm/client";
import { AnswerSlices } from "./answer-slices";
import { fieldValues } from "./answer-size";
import { checkInstant, checkModelVersionId, checkRange, type InstantWindow, type RangeWindow } from "./arguments";
import { DateTime } from "./datetime";
import { upstreamError, userError, type ApiLogger } from "./errors";
import {
  INSTANT_BILLING_METRICS,
  INSTANT_MODEL_METRICS,
  RANGE_BILLING_METRICS,
  RANGE_MODEL_METRICS,
  type Field,
  type Upstream,
} from "./fields";
import { LIMITS } from "./limits";
import { anySeries, type Scope } from "./metricsql";
import { requestedFields } from "./selection";

/** Set by the auth plugin before execution: every query is scoped to it. */
export interface ApiContext {
  namespace: string;
}

interface Window {
  start: number;
  end: number;
}
interface RangeArgs extends Window {
  step_seconds?: number | null;
}
interface ModelArgs {
  model_version_id: string;
}
interface BillingArgs {
  model_version_id?: string | null;
}

export function createResolvers(vm: VmClient, log: ApiLogger) {
  const ask = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      throw upstreamError(err, log);
    }
  };
  const upstream: Upstream = {
    range: (query, r) => ask(() => vm.queryRange(query, r.start, r.end, r.step)),
    instant: (query, w) => ask(() => vm.query(query, w.end)),
  };

  /** NOT_FOUND when the caller's namespace has no series of the model version, at any time. */
  async function requireModelVersion(scope: Required<Scope>): Promise<void> {
    if (await ask(() => vm.hasSeries([anySeries(scope)]))) return;
    // The same answer whether the id exists in another namespace or nowhere.
    throw userError("NOT_FOUND", `model_version_id "${scope.modelVersionId}" has no metrics in your namespace.`);
  }

  /** One per request (its context), shared by its root queries: the slices its answer is built in. */
  const slicesOf = new WeakMap<ApiContext, AnswerSlices>();
  const slicesFor = (ctx: ApiContext) => {
    let slices = slicesOf.get(ctx);
    if (!slices) slicesOf.set(ctx, (slices = new AnswerSlices(LIMITS.valuesPerSlice)));
    return slices;
  };

  /**
   * Runs the queries of the fields the document selects, all at once. An answer with a series
   * proves the model version exists (every selector carries it, see metricsql.ts), so the
   * existence check costs a round trip only when every answer is empty.
   *
   * Each field's value goes to graphql-js through the request's slices (answer-slices.ts), once
   * per alias, weighed by the values that alias selects at this root's `points`.
   */
  async function resolveFields<W>(
    table: Record<string, Field<W>>,
    scope: Scope,
    window: W,
    points: number,
    ctx: ApiContext,
    info: GraphQLResolveInfo,
  ) {
    const names = [...requestedFields(info)];
    let seen = false;
    const saw = <T extends unknown[]>(result: T): T => {
      if (result.length > 0) seen = true;
      return result;
    };
    const watched: Upstream = {
      range: async (query, r) => saw(await upstream.range(query, r)),
      instant: async (query, w) => saw(await upstream.instant(query, w)),
    };
    const values = await Promise.all(names.map((name) => table[name]!(watched, scope, window)));
    if (scope.modelVersionId !== undefined && !seen) await requireModelVersion(scope as Required<Scope>);
    const slices = slicesFor(ctx);
    // graphql-js' default resolver calls a function-valued property with the alias' own info.
    const handOut = (value: unknown) => (_args: unknown, _ctx: unknown, alias: GraphQLResolveInfo) =>
      slices.hand(fieldValues(alias, points), value);
    return Object.fromEntries(names.map((name, i) => [name, handOut(values[i])]));
  }

  const modelScope = (ctx: ApiContext, id: string): Scope => ({
    namespace: ctx.namespace,
    modelVersionId: checkModelVersionId(id),
  });
  // Without model_version_id, billing covers the caller's whole namespace.
  const billingScope = (ctx: ApiContext, id: string | null | undefined): Scope =>
    id == null ? { namespace: ctx.namespace } : modelScope(ctx, id);

  /** A range root: its points are the range's timestamps. */
  const overRange = (
    table: Record<string, Field<RangeWindow>>,
    scope: Scope,
    a: RangeArgs,
    ctx: ApiContext,
    info: GraphQLResolveInfo,
  ) => {
    const range = checkRange(a.start, a.end, a.step_seconds);
    return resolveFields(table, scope, range, range.timestamps.length, ctx, info);
  };
  /** An instant root: one point, the window (start, end]. */
  const overWindow = (
    table: Record<string, Field<InstantWindow>>,
    scope: Scope,
    a: Window,
    ctx: ApiContext,
    info: GraphQLResolveInfo,
  ) => resolveFields(table, scope, checkInstant(a.start, a.end), 1, ctx, info);

  return {
    DateTime,
    Query: {
      range_model_metrics: (_: unknown, a: ModelArgs & RangeArgs, ctx: ApiContext, info: GraphQLResolveInfo) =>
        overRange(RANGE_MODEL_METRICS, modelScope(ctx, a.model_version_id), a, ctx, info),
      instant_model_metrics: (_: unknown, a: ModelArgs & Window, ctx: ApiContext, info: GraphQLResolveInfo) =>
        overWindow(INSTANT_MODEL_METRICS, modelScope(ctx, a.model_version_id), a, ctx, info),
      range_billing_metrics: (_: unknown, a: BillingArgs & RangeArgs, ctx: ApiContext, info: GraphQLResolveInfo) =>
        overRange(RANGE_BILLING_METRICS, billingScope(ctx, a.model_version_id), a, ctx, info),
      instant_billing_metrics: (_: unknown, a: BillingArgs & Window, ctx: ApiContext, info: GraphQLResolveInfo) =>
        overWindow(INSTANT_BILLING_METRICS, billingScope(ctx, a.model_version_id), a, ctx, info),
    },
  };
}
