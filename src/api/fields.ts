import type { InstantSample, RangeSeries } from "../vm/client";
import type { InstantWindow, RangeWindow } from "./arguments";
import * as mql from "./metricsql";
import { METRIC, type Scope } from "./metricsql";
import {
  asRange,
  instanceTypeSeries,
  percentilePoints,
  statusVolumePoints,
  valuePoints,
  type ValuePoint,
} from "./points";

/**
 * What each metric field is: one MetricsQL query (metricsql.ts) and how its answer is read
 * (points.ts). A root resolver runs only the fields the document selects, all at once.
 */

/** The two ways a field asks VictoriaMetrics; failures arrive already mapped to user errors. */
export interface Upstream {
  range(query: string, window: RangeWindow): Promise<RangeSeries[]>;
  instant(query: string, window: InstantWindow): Promise<InstantSample[]>;
}

export type Field<W> = (vm: Upstream, scope: Scope, window: W) => Promise<unknown>;
type Query = (scope: Scope, w: number) => string;
type Reader<T> = (result: RangeSeries[], timestamps: number[]) => T;

/** A range point t_k describes (t_k - step, t_k]: the window is the step. */
function rangeField<T>(query: Query, read: Reader<T>): Field<RangeWindow> {
  return async (vm, scope, r) => read(await vm.range(query(scope, r.step), r), r.timestamps);
}

/** An instant window (start, end] is one point at `end`, whose window is end - start. */
function instantField<T, U>(query: Query, read: Reader<T>, single: (read: T) => U): Field<InstantWindow> {
  return async (vm, scope, w) => single(read(asRange(await vm.instant(query(scope, w.seconds), w)), [w.end]));
}

const values =
  (fill: 0 | null): Reader<ValuePoint[]> =>
  (result, timestamps) =>
    valuePoints(result, timestamps, fill);
const onlyValue = (points: ValuePoint[]) => points[0]!.value;
const withoutTimestamp = <P extends { timestamp: number }>(points: P[]): Omit<P, "timestamp"> => {
  const { timestamp: _, ...rest } = points[0]!;
  return rest;
};

const perMinute: Query = (scope, w) => mql.inferenceVolume(scope, w, "per-minute");
const count: Query = (scope, w) => mql.inferenceVolume(scope, w, "count");
const byStatusPerMinute: Query = (scope, w) => mql.inferenceVolumeByStatusClass(scope, w, "per-minute");
const byStatusCount: Query = (scope, w) => mql.inferenceVolumeByStatusClass(scope, w, "count");
const percentiles =
  (histogram: mql.Histogram): Query =>
  (scope, w) =>
    mql.percentiles(histogram, scope, w);
const average =
  (histogram: mql.Histogram): Query =>
  (scope, w) =>
    mql.average(histogram, scope, w);

export const RANGE_MODEL_METRICS: Record<string, Field<RangeWindow>> = {
  inference_volume: rangeField(perMinute, values(0)),
  inference_volume_by_status: rangeField(byStatusPerMinute, statusVolumePoints),
  error_rate: rangeField(mql.errorRate, values(null)),
  response_time_percentiles: rangeField(percentiles(METRIC.inferenceDuration), percentilePoints),
  e2e_response_time_percentiles: rangeField(percentiles(METRIC.e2eResponseTime), percentilePoints),
  average_response_time: rangeField(average(METRIC.inferenceDuration), values(null)),
  average_e2e_response_time: rangeField(average(METRIC.e2eResponseTime), values(null)),
};

export const INSTANT_MODEL_METRICS: Record<string, Field<InstantWindow>> = {
  inference_volume: instantField(count, values(0), onlyValue),
  inference_volume_by_status: instantField(byStatusCount, statusVolumePoints, withoutTimestamp),
  error_rate: instantField(mql.errorRate, values(null), onlyValue),
  response_time_percentiles: instantField(percentiles(METRIC.inferenceDuration), percentilePoints, withoutTimestamp),
  e2e_response_time_percentiles: instantField(percentiles(METRIC.e2eResponseTime), percentilePoints, withoutTimestamp),
  average_response_time: instantField(average(METRIC.inferenceDuration), values(null), onlyValue),
  average_e2e_response_time: instantField(average(METRIC.e2eResponseTime), values(null), onlyValue),
};

export const RANGE_BILLING_METRICS: Record<string, Field<RangeWindow>> = {
  billable_minutes: rangeField(mql.billableMinutesByInstanceType, instanceTypeSeries),
  replicas: rangeField(mql.replicas, instanceTypeSeries),
};

export const INSTANT_BILLING_METRICS: Record<string, Field<InstantWindow>> = {
  billable_minutes_by_instance_type: instantField(mql.billableMinutesByInstanceType, instanceTypeSeries, (series) =>
    series.map((s) => ({ instance_type: s.instance_type, minutes: s.points[0]!.value })),
  ),
  total_billable_minutes: instantField(mql.totalBillableMinutes, values(0), onlyValue),
};
