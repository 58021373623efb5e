// A namespace that holds what a query must escape: a quote, a backslash and a line break (an
// organisation whose users named it). Every selector the API sends carries the namespace as a
// label value: pasted raw it breaks the query, escaped wrongly it selects nothing, or another
// namespace. The runner authenticates as this namespace as it does for any case.
import { goldenCase, ts } from "../src";

const requests = "model_requests_total";
const window = { start: ts(0), end: ts(60) };

export default goldenCase({
  name: "escaped namespace",
  namespaceSuffix: '-acme "prod"\\eu\nteam',
  data({ counter }) {
    counter(requests, { status: "200" }).inc(ts(10), 2).inc(ts(40)); // 3 requests
    counter(requests, { status: "503" }).inc(ts(20)); // 1 error
    counter("model_replica_seconds_total", { instance_type: "A10G" }).ramp(ts(0), ts(60), 1); // 60 s
  },
  queries: {
    // A model version's query (its selector carries the namespace and the id).
    volume: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume
          error_rate
        }
      }`,
      variables: window,
      check({ data, truth }) {
        const answer = data.instant_model_metrics;
        expect(answer.inference_volume).toBe(truth.increments(requests, {}, ts(0), ts(60))); // 4
        expect(answer.error_rate).toBe(truth.increments(requests, { status: "503" }, ts(0), ts(60)) / 4); // 0.25
      },
    },
    // A namespace-wide query (its selector carries the namespace alone).
    billing_namespace_wide: {
      query: `query ($start: DateTime!, $end: DateTime!) {
        instant_billing_metrics(start: $start, end: $end) { total_billable_minutes }
      }`,
      variables: window,
      check({ data }) {
        expect(data.instant_billing_metrics.total_billable_minutes).toBe(1); // 60 replica-seconds
      },
    },
  },
});
