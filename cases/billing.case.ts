// Billing: replica-seconds become billable minutes per instance type, for one model version or
// for the whole namespace, and the replicas running at each point.
import { expectPointsAt, goldenCase, ts, windowEndingAt } from "../src";

const replicaSeconds = "model_replica_seconds_total";
const replicas = "model_replicas_active";
/** Another model version of the same namespace: billed namespace-wide, never per model. */
const OTHER_MODEL = "other-model";

export default goldenCase({
  name: "billing",
  data({ counter, gauge }) {
    // Two A10G replicas from +0 to +120 s; one T4 replica from +60 to +180 s.
    counter(replicaSeconds, { instance_type: "A10G" }).ramp(ts(0), ts(120), 2);
    counter(replicaSeconds, { instance_type: "T4" }).ramp(ts(60), ts(180), 1);
    gauge(replicas, { instance_type: "A10G" }).set(ts(0), 2).set(ts(120), 0);
    gauge(replicas, { instance_type: "T4" }).set(ts(60), 1).set(ts(180), 0);
    // The other model: one A10G replica from +0 to +60 s.
    counter(replicaSeconds, { instance_type: "A10G", model_version_id: OTHER_MODEL }).ramp(ts(0), ts(60), 1);
  },
  queries: {
    range_per_model: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_billing_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 60) {
          billable_minutes { instance_type points { timestamp value } }
          replicas { instance_type points { timestamp value } }
        }
      }`,
      variables: { start: ts(0), end: ts(240) },
      check({ data, truth, ctx }) {
        const { billable_minutes: minutes, replicas: running } = data.range_billing_metrics;
        expect(minutes.map((s: { instance_type: string }) => s.instance_type)).toEqual(["A10G", "T4"]);
        expect(running.map((s: { instance_type: string }) => s.instance_type)).toEqual(["A10G", "T4"]);
        for (const series of [...minutes, ...running]) expectPointsAt(series.points, ts(0), ts(240), 60);
        for (const series of minutes) {
          for (const point of series.points) {
            const [from, to] = windowEndingAt(point.timestamp, 60);
            const seconds = truth.increments(
              replicaSeconds,
              { instance_type: series.instance_type, model_version_id: ctx.modelVersionId },
              from,
              to,
            );
            expect(point.value).toBeCloseTo(seconds / 60, 12);
          }
        }
        for (const series of running) {
          for (const point of series.points) {
            const running = truth.gauge(replicas, { instance_type: series.instance_type }, new Date(point.timestamp));
            expect(point.value).toBe(running ?? 0);
          }
        }
      },
    },
    instant_per_model: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_billing_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          billable_minutes_by_instance_type { instance_type minutes }
          total_billable_minutes
        }
      }`,
      variables: { start: ts(0), end: ts(240) },
      check({ data, truth, ctx }) {
        const seconds = truth.increments(replicaSeconds, { model_version_id: ctx.modelVersionId }, ts(0), ts(240));
        expect(data.instant_billing_metrics.total_billable_minutes).toBeCloseTo(seconds / 60, 12);
      },
    },
    instant_namespace_wide: {
      // No model_version_id: every model version of the caller's namespace.
      query: `query ($start: DateTime!, $end: DateTime!) {
        instant_billing_metrics(start: $start, end: $end) {
          billable_minutes_by_instance_type { instance_type minutes }
          total_billable_minutes
        }
      }`,
      variables: { start: ts(0), end: ts(240) },
      check({ data, truth }) {
        expect(data.instant_billing_metrics.total_billable_minutes).toBeCloseTo(
          truth.increments(replicaSeconds, {}, ts(0), ts(240)) / 60,
          12,
        );
      },
    },
  },
});
