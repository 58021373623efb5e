// Several series in one group, as real exporters have them: two zones' replica gauges and
// replica-second counters of one instance type, two pods' histograms of one model version. The
// API must sum them (not pick one); replica-seconds that are not whole minutes; a zone's
// replicas series that disappears after a scale-down; the range average E2E response time.
import { expectPercentilesInTrueBuckets, expectTrueAverage, goldenCase, ts, windowEndingAt } from "../src";

const e2e = "model_e2e_response_time_seconds";

export default goldenCase({
  name: "grouped series",
  data({ counter, gauge, histogram }) {
    gauge("model_replicas_active", { instance_type: "A10G", zone: "a" }).set(ts(0), 2);
    // Zone b scales to zero after ts(60): its exporter goes away, no sample from ts(70) on.
    gauge("model_replicas_active", { instance_type: "A10G", zone: "b" }).set(ts(0), 1).gap(ts(65), ts(600));
    counter("model_replica_seconds_total", { instance_type: "A10G", zone: "a" }).ramp(ts(0), ts(50), 1.5); // 75 s
    counter("model_replica_seconds_total", { instance_type: "A10G", zone: "b" }).ramp(ts(0), ts(60), 1); // 60 s
    const buckets = [0.25, 0.5, 1];
    histogram(e2e, { buckets, labels: { pod: "p1" } }).observe(ts(15), 0.2, 2);
    histogram(e2e, { buckets, labels: { pod: "p2" } }).observe(ts(25), 0.6, 2);
  },
  queries: {
    billing: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!, $later: DateTime!) {
        instant_billing_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          billable_minutes_by_instance_type { instance_type minutes }
          total_billable_minutes
        }
        range_billing_metrics(model_version_id: $model_version_id, start: $end, end: $later, step_seconds: 60) {
          replicas { instance_type points { timestamp value } }
        }
      }`,
      variables: { start: ts(0), end: ts(60), later: ts(180) },
      check({ data }) {
        // (75 + 60) replica-seconds / 60 = 2.25 minutes, both zones
        expect(data.instant_billing_metrics.total_billable_minutes).toBe(2.25);
        // at ts(60) both zones (2 + 1); from then on zone a alone
        const [a10g] = data.range_billing_metrics.replicas;
        expect(a10g.points.map((p: { value: number }) => p.value)).toEqual([3, 2, 2]);
      },
    },
    e2e: {
      query: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          e2e_response_time_percentiles { p50 p90 p95 p99 }
          average_e2e_response_time
        }
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          average_e2e_response_time { timestamp value }
        }
      }`,
      variables: { start: ts(0), end: ts(60) },
      check({ data, truth }) {
        const instant = data.instant_model_metrics;
        expectPercentilesInTrueBuckets(truth, e2e, instant.e2e_response_time_percentiles, ts(0), ts(60));
        expectTrueAverage(truth, e2e, instant.average_e2e_response_time, ts(0), ts(60));
        for (const point of data.range_model_metrics.average_e2e_response_time) {
          expectTrueAverage(truth, e2e, point.value, ...windowEndingAt(point.timestamp, 30));
        }
      },
    },
  },
});
