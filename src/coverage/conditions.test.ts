import { METRIC } from "../api/metricsql";
import type { SeriesBuilder } from "../series";
import { ts } from "../series/time";
import { CONDITION_NAMES, conditionsOf, conditionsThatApply, type Condition } from "./conditions";
import { CONTRACT_FIELDS } from "./contract";
import { queryTime } from "./query-time";
import { factsOf, MODEL, NAMESPACE } from "./test-support";

const iso = (n: number) => ts(n).toISOString();

interface Ask {
  /** A contract field, by name; default error_rate (requests, one group, statuses told apart). */
  field?: string;
  /** A range query (start, end, step in seconds) or an instant one (no step). */
  start: number;
  end: number;
  step?: number;
  /** Default: the case's own model version; null: namespace-wide. */
  model?: string | null;
}

/** The conditions a query exercises on one field of a case built by `data` (scraped every 10 s from ts(-60)). */
function conditions(data: (b: SeriesBuilder) => void, ask: Ask): Condition[] {
  const facts = factsOf(data);
  const args = { start: iso(ask.start), end: iso(ask.end), ...(ask.step ? { step_seconds: ask.step } : {}) };
  const model = ask.model === undefined ? MODEL : ask.model;
  return [
    ...conditionsOf(facts, {
      reading: CONTRACT_FIELDS[ask.field ?? "error_rate"],
      ...(model === null ? {} : { modelVersionId: model }),
      time: queryTime(args, ask.step !== undefined),
    }),
  ].sort();
}

const requests = (b: SeriesBuilder, status = "200") => b.counter(METRIC.requests, { status });
/** Requests in every 30 s window of [0, 300]: no window is empty. */
const busy = (b: SeriesBuilder, status = "200") => requests(b, status).ramp(ts(-60), ts(600), 1);
const range = { start: 0, end: 300, step: 30 };

describe("data conditions, derived from a case's series and a query's arguments", () => {
  test("steady requests on the grids exercise nothing but the absence of 5xx series", () => {
    expect(conditions((b) => busy(b), range)).toEqual(["no-5xx"]);
  });

  test("reset: a counter's drop inside a window; not one after the range, nor a gauge going down", () => {
    const reset = (at: number) => (b: SeriesBuilder) => busy(b).reset(ts(at));
    expect(conditions(reset(100), range)).toContain("reset");
    expect(conditions(reset(400), range)).not.toContain("reset");
    const scaleDown = (b: SeriesBuilder) =>
      b.gauge(METRIC.replicasActive, { instance_type: "T4" }).set(ts(-60), 2).set(ts(100), 1);
    expect(conditions(scaleDown, { ...range, field: "replicas" })).not.toContain("reset");
  });

  test("gap: missed scrapes inside a window, not after the range", () => {
    expect(conditions((b) => busy(b).gap(ts(100), ts(120)), range)).toContain("gap");
    expect(conditions((b) => busy(b).gap(ts(400), ts(420)), range)).not.toContain("gap");
  });

  test("stale: a staleness marker inside a window of a field that reads the series", () => {
    const marker = (b: SeriesBuilder) => b.series(`${METRIC.replicasActive}{instance_type="T4"}`, "1x10 stale 1x10");
    expect(conditions(marker, { ...range, field: "replicas" })).toContain("stale");
    expect(conditions(marker, { ...range, field: "total_billable_minutes" })).not.toContain("stale");
  });

  test("empty: a window in which no counter rises, or no gauge has a sample", () => {
    expect(conditions((b) => requests(b).inc(ts(50)), range)).toContain("empty");
    expect(conditions((b) => b.counter(METRIC.replicaSeconds), { ...range, field: "billable_minutes" })).toContain(
      "empty",
    );
    const gauge = (b: SeriesBuilder) => b.gauge(METRIC.replicasActive, { instance_type: "T4" }).set(ts(-60), 1);
    expect(conditions(gauge, { ...range, field: "replicas" })).not.toContain("empty");
    expect(conditions((b) => gauge(b).gap(ts(31), ts(60)), { ...range, field: "replicas" })).toContain("empty");
  });

  test("empty: a model version with no series of the field counts as one", () => {
    expect(conditions((b) => b.gauge(METRIC.replicasActive).set(ts(0), 1), { start: 0, end: 60 })).toContain("empty");
  });

  test("grid: a range ending off its step grid, or starting between ticks; an instant window between ticks", () => {
    expect(conditions((b) => busy(b), { start: 0, end: 310, step: 30 })).toContain("grid");
    expect(conditions((b) => busy(b), { start: -1, end: 299, step: 30 })).toContain("grid");
    expect(conditions((b) => busy(b), { start: 0, end: 65 })).toContain("grid");
    expect(conditions((b) => busy(b), { start: 0, end: 60 })).not.toContain("grid");
  });

  test("+Inf: an observation above the largest bound, for the fields that read that histogram", () => {
    const slow = (b: SeriesBuilder) => b.histogram(METRIC.inferenceDuration, { buckets: [1] }).observe(ts(15), 3);
    expect(conditions(slow, { start: 0, end: 60, field: "response_time_percentiles" })).toContain("+Inf");
    expect(conditions(slow, { start: 0, end: 60, field: "e2e_response_time_percentiles" })).not.toContain("+Inf");
    // an average reads the sum and count: no bucket of it can matter
    expect(conditions(slow, { start: 0, end: 60, field: "average_response_time" })).not.toContain("+Inf");
    const fast = (b: SeriesBuilder) => b.histogram(METRIC.inferenceDuration, { buckets: [1] }).observe(ts(15), 0.5);
    expect(conditions(fast, { start: 0, end: 60, field: "response_time_percentiles" })).not.toContain("+Inf");
  });

  test("group: two series one answer group adds up, changing in one window", () => {
    const zones = (second: string) => (b: SeriesBuilder) => {
      b.gauge(METRIC.replicasActive, { instance_type: "A10G", zone: "a" }).set(ts(0), 1);
      b.gauge(METRIC.replicasActive, { instance_type: second, zone: "b" }).set(ts(0), 1);
    };
    expect(conditions(zones("A10G"), { ...range, field: "replicas" })).toContain("group");
    expect(conditions(zones("T4"), { ...range, field: "replicas" })).not.toContain("group");
    const statuses = (a: string, b2: string) => (b: SeriesBuilder) => {
      requests(b, a).inc(ts(10));
      requests(b, b2).inc(ts(20));
    };
    expect(conditions(statuses("200", "201"), { ...range, field: "inference_volume_by_status" })).toContain("group");
    expect(conditions(statuses("200", "404"), { ...range, field: "inference_volume_by_status" })).not.toContain(
      "group",
    );
    expect(conditions(statuses("200", "404"), range)).toContain("group"); // error_rate adds up every status
    const apart = (b: SeriesBuilder) => {
      requests(b, "200").inc(ts(10));
      requests(b, "201").inc(ts(100));
    };
    expect(conditions(apart, { ...range, field: "inference_volume_by_status" })).not.toContain("group");
  });

  test("late: a series whose first sample comes after the query's start", () => {
    expect(conditions((b) => busy(b).gap(ts(-60), ts(40)), range)).toContain("late");
    expect(conditions((b) => busy(b).gap(ts(-60), ts(-10)), range)).not.toContain("late");
  });

  test("ends: a series whose last sample comes before the query's end while the scrape goes on", () => {
    expect(conditions((b) => busy(b).gap(ts(200), ts(600)), range)).toContain("ends");
    expect(conditions((b) => busy(b), { start: 0, end: 600, step: 60 })).not.toContain("ends"); // the scrape's last tick
  });

  test("no-5xx: request series with statuses, none of them 5xx, for a field that tells statuses apart", () => {
    const withStatuses =
      (...statuses: string[]) =>
      (b: SeriesBuilder) =>
        statuses.forEach((s) => busy(b, s));
    expect(conditions(withStatuses("200", "405"), range)).toContain("no-5xx");
    expect(conditions(withStatuses("200", "503"), range)).not.toContain("no-5xx");
    // inference_volume adds up every status: whether one is a 5xx cannot matter to it
    expect(conditions(withStatuses("200", "405"), { ...range, field: "inference_volume" })).not.toContain("no-5xx");
  });

  test("other-ns: the model version asked for exists only in another namespace", () => {
    const elsewhere = (b: SeriesBuilder) =>
      requests(b).labels({ namespace: "other", model_version_id: "x" }).inc(ts(10));
    expect(conditions(elsewhere, { ...range, model: "x" })).toContain("other-ns");
    const alsoHere = (b: SeriesBuilder) => {
      elsewhere(b);
      b.gauge(METRIC.replicasActive, { model_version_id: "x" }).set(ts(0), 1);
    };
    expect(conditions(alsoHere, { ...range, model: "x" })).not.toContain("other-ns");
    expect(conditions(elsewhere, { ...range, model: "nowhere" })).not.toContain("other-ns");
  });

  test("only the query's scope is read: another namespace's or model version's reset is not this query's", () => {
    const neighbour = (b: SeriesBuilder) => {
      busy(b);
      const restarted = (labels: Record<string, string>) =>
        b
          .counter(METRIC.requests, { status: "201", ...labels })
          .ramp(ts(-60), ts(600), 1)
          .reset(ts(100));
      restarted({ namespace: `${NAMESPACE}-neighbour` });
      restarted({ model_version_id: "other" });
    };
    expect(conditions(neighbour, range)).not.toContain("reset");
    expect(conditions(neighbour, { ...range, model: null, field: "total_billable_minutes" })).toEqual(["empty"]);
    expect(conditions(neighbour, { ...range, model: null, field: "inference_volume" })).toContain("reset");
  });

  test("a query whose arguments make no window (end before start) exercises only what needs no window", () => {
    expect(conditions((b) => busy(b).reset(ts(100)), { start: 300, end: 0, step: 30 })).toEqual(["no-5xx"]);
  });
});

test("the conditions that can matter to a field follow from what it reads; a field the contract lacks gets them all", () => {
  expect(conditionsThatApply(CONTRACT_FIELDS.replicas)).toEqual(
    CONDITION_NAMES.filter((c) => !["reset", "+Inf", "no-5xx"].includes(c)),
  );
  expect(conditionsThatApply(CONTRACT_FIELDS.response_time_percentiles)).toContain("+Inf");
  expect(conditionsThatApply(CONTRACT_FIELDS.average_response_time)).not.toContain("+Inf");
  expect(conditionsThatApply(CONTRACT_FIELDS.inference_volume_by_status)).toContain("no-5xx");
  expect(conditionsThatApply(undefined)).toEqual(CONDITION_NAMES);
});
