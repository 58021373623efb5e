// The queries, read against the table of metrics-api.md §4.
import * as mql from "./metricsql";

const S = { namespace: "ns", modelVersionId: "mv" };
const sel = (metric: string, extra = "") => `${metric}{namespace="ns",model_version_id="mv"${extra}}`;

describe("escapeLabelValue", () => {
  test.each([
    ["plain", "abc", "abc"],
    ["a quote", 'a"b', 'a\\"b'],
    ["a backslash", "a\\b", "a\\\\b"],
    ["a newline", "a\nb", "a\\nb"],
    ["a backslash before a quote", '\\"', '\\\\\\"'],
    ["braces and regex characters stay literal inside quotes", "}.*{", "}.*{"],
  ])("%s", (_, value, escaped) => expect(mql.escapeLabelValue(value)).toBe(escaped));
});

describe("selector", () => {
  test("carries the caller's namespace and the model version", () => {
    expect(mql.selector("m", S)).toBe(sel("m"));
  });
  test("namespace-wide, it carries the namespace only", () => {
    expect(mql.selector("m", { namespace: "ns" })).toBe('m{namespace="ns"}');
  });
  test("escapes both label values", () => {
    expect(mql.selector("m", { namespace: 'a"} or x{', modelVersionId: "b\n" })).toBe(
      'm{namespace="a\\"} or x{",model_version_id="b\\n"}',
    );
  });
  test("without a metric, it matches every series of the scope", () => {
    expect(mql.anySeries(S)).toBe('{namespace="ns",model_version_id="mv"}');
  });
});

test.each([
  [
    "range inference_volume",
    mql.inferenceVolume(S, 30, "per-minute"),
    `sum(increase(${sel("model_requests_total")}[30s])) * 60 / 30`,
  ],
  [
    "instant inference_volume",
    mql.inferenceVolume(S, 300, "count"),
    `sum(increase(${sel("model_requests_total")}[300s]))`,
  ],
  [
    "range inference_volume_by_status",
    mql.inferenceVolumeByStatusClass(S, 30, "per-minute"),
    `sum by (status_class) (label_replace(increase(${sel("model_requests_total")}[30s]), "status_class", "$1", "status", "([0-9]?).*")) * 60 / 30`,
  ],
  [
    "error_rate",
    mql.errorRate(S, 60),
    `(sum(increase(${sel("model_requests_total", ',status=~"5.*"')}[60s])) or vector(0)) / (sum(increase(${sel("model_requests_total")}[60s])) > 0)`,
  ],
  [
    "response_time_percentiles",
    mql.percentiles(mql.METRIC.inferenceDuration, S, 60),
    `histogram_quantiles("phi", 0.5, 0.9, 0.95, 0.99, sum by (le) (increase(${sel("model_inference_duration_seconds_bucket")}[60s])))`,
  ],
  [
    "average_e2e_response_time",
    mql.average(mql.METRIC.e2eResponseTime, S, 60),
    `sum(increase(${sel("model_e2e_response_time_seconds_sum")}[60s])) / (sum(increase(${sel("model_e2e_response_time_seconds_count")}[60s])) > 0)`,
  ],
  [
    "billable_minutes",
    mql.billableMinutesByInstanceType(S, 60),
    `sum by (instance_type) (increase(${sel("model_replica_seconds_total")}[60s])) / 60`,
  ],
  [
    "total_billable_minutes",
    mql.totalBillableMinutes({ namespace: "ns" }, 600),
    `sum(increase(model_replica_seconds_total{namespace="ns"}[600s])) / 60`,
  ],
  ["replicas", mql.replicas(S, 60), `sum by (instance_type) (last_over_time(${sel("model_replicas_active")}[60s]))`],
])("%s", (_, query, expected) => expect(query).toBe(expected));
