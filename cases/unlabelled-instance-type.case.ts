// An autoscaler that does not label its series with an instance type (an older exporter, a CPU
// pool): billing lists them under instance_type "", first in code point order, beside the
// labelled ones (README: the reference API's decisions), and counts them in the total.
import { goldenCase, ts } from "../src";

const replicaSeconds = "model_replica_seconds_total";
const replicas = "model_replicas_active";

export default goldenCase({
  name: "unlabelled instance type",
  data({ counter, gauge }) {
    counter(replicaSeconds).ramp(ts(0), ts(60), 1); // 60 s
    counter(replicaSeconds, { instance_type: "A10G" }).ramp(ts(0), ts(60), 2); // 120 s
    gauge(replicas).set(ts(0), 1).set(ts(90), 0);
    gauge(replicas, { instance_type: "A10G" }).set(ts(0), 2);
  },
  queries: {
    instant: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_billing_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          billable_minutes_by_instance_type { instance_type minutes }
          total_billable_minutes
        }
      }`,
      variables: { start: ts(0), end: ts(60) },
      check({ data }) {
        const answer = data.instant_billing_metrics;
        expect(answer.billable_minutes_by_instance_type).toEqual([
          { instance_type: "", minutes: 1 }, // 60 s / 60
          { instance_type: "A10G", minutes: 2 }, // 120 s / 60
        ]);
        expect(answer.total_billable_minutes).toBe(3);
      },
    },
    // "": 1 at ts(0) and ts(60), 0 at ts(120) (set to 0 at ts(90)); A10G: 2 throughout.
    replicas: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_billing_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 60) {
          replicas { instance_type points { timestamp value } }
        }
      }`,
      variables: { start: ts(0), end: ts(120) },
      check({ data, truth }) {
        const { replicas: running } = data.range_billing_metrics;
        expect(running.map((s: { instance_type: string }) => s.instance_type)).toEqual(["", "A10G"]);
        for (const series of running) {
          for (const point of series.points) {
            // The gauges of this instance type ("" for none), each at its last value by t_k.
            const expected = truth
              .gauges(replicas, {}, new Date(point.timestamp))
              .filter((g) => (g.labels.instance_type ?? "") === series.instance_type)
              .reduce((sum, g) => sum + g.value, 0);
            expect(point.value).toBe(expected);
          }
        }
      },
    },
  },
});
