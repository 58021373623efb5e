// Isolation that one case module proves on its own, in any order of any run: a neighbour
// namespace writes more requests and replicas under this case's own model version id, and
// every answer must still count this namespace's alone. (isolation-a/-b need each other.)
// Also: a model version with series but no request counter counts 0 requests, not NOT_FOUND; one
// that exists only in the neighbour's namespace is NOT_FOUND here.
import { goldenCase, ts } from "../src";

const OWN = 3;
const NEIGHBOUR = 5;
const window = { start: ts(0), end: ts(60) };

export default goldenCase({
  name: "isolation within one case",
  data({ counter, gauge }, ctx) {
    // The neighbour shares the model version id, so only the namespace matcher keeps it out
    // (and the runner's clean-up by model version id removes it from a shared server).
    const neighbour = { namespace: `${ctx.namespace}-neighbour` };
    for (const [labels, requests] of [
      [{}, OWN],
      [neighbour, NEIGHBOUR],
    ] as const) {
      const ok = counter("model_requests_total", { ...labels, status: "200" });
      for (let i = 0; i < requests; i++) ok.inc(ts(10 + i));
      counter("model_replica_seconds_total", { ...labels, instance_type: "A10G" }).ramp(ts(0), ts(60), requests);
    }
    gauge("model_replicas_active", { model_version_id: `${ctx.modelVersionId}-idle`, instance_type: "T4" }).set(
      ts(0),
      1,
    );
    // A model version that exists only in the neighbour's namespace.
    counter("model_requests_total", {
      ...neighbour,
      model_version_id: `${ctx.modelVersionId}-elsewhere`,
      status: "200",
    }).inc(ts(10));
  },
  queries: {
    volume: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) { inference_volume }
      }`,
      variables: window,
      check({ data }) {
        expect(data.instant_model_metrics.inference_volume).toBe(OWN);
      },
    },
    billing_namespace_wide: {
      query: `query ($start: DateTime!, $end: DateTime!) {
        instant_billing_metrics(start: $start, end: $end) {
          billable_minutes_by_instance_type { instance_type minutes }
          total_billable_minutes
        }
      }`,
      variables: window,
      check({ data }) {
        // OWN replicas for one minute; the idle model version's T4 has a gauge, not replica-seconds
        expect(data.instant_billing_metrics.total_billable_minutes).toBe(OWN);
      },
    },
    elsewhere_only: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) { inference_volume }
      }`,
      variables: (ctx) => ({ model_version_id: `${ctx.modelVersionId}-elsewhere`, ...window }),
      check({ data, errors }) {
        // the same answer as for a model version that exists nowhere
        expect(data).toBeNull();
        expect(errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
      },
    },
    no_requests: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume
          error_rate
        }
      }`,
      variables: (ctx) => ({ model_version_id: `${ctx.modelVersionId}-idle`, ...window }),
      check({ data, errors }) {
        expect(errors).toBeUndefined();
        expect(data.instant_model_metrics).toEqual({ inference_volume: 0, error_rate: null });
      },
    },
  },
});
