// Isolation: isolation-a.case.ts and isolation-b.case.ts write the same metric names, the same
// model version id and the same instants, with other counts. Only the namespace tells them
// apart, and each golden must show its own case's numbers alone.
import { goldenCase, ts } from "../src";

/** Both sides use this id instead of their own, so only the namespace separates them. */
const SHARED_MODEL = "shared-model";

/** One side: `requests` requests, and `requests` A10G replicas for the first minute. */
export function isolationSide(name: string, requests: number) {
  return goldenCase({
    name,
    data({ counter, gauge }) {
      const ok = counter("model_requests_total", { model_version_id: SHARED_MODEL, status: "200" });
      for (let i = 0; i < requests; i++) ok.inc(ts(10 + i));
      counter("model_replica_seconds_total", { model_version_id: SHARED_MODEL, instance_type: "A10G" }).ramp(
        ts(0),
        ts(60),
        requests,
      );
      gauge("model_replicas_active", { model_version_id: SHARED_MODEL, instance_type: "A10G" }).set(ts(0), requests);
    },
    queries: {
      volume: {
        query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
          instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) { inference_volume }
        }`,
        variables: { model_version_id: SHARED_MODEL, start: ts(0), end: ts(60) },
        check({ data }) {
          expect(data.instant_model_metrics.inference_volume).toBe(requests);
        },
      },
      billing_namespace_wide: {
        query: `query ($start: DateTime!, $end: DateTime!) {
          instant_billing_metrics(start: $start, end: $end) { total_billable_minutes }
        }`,
        variables: { start: ts(0), end: ts(60) },
        check({ data }) {
          expect(data.instant_billing_metrics.total_billable_minutes).toBe(requests); // `requests` replicas for one minute
        },
      },
    },
  });
}
