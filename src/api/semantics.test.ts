// Each field's value on data whose answer follows from the events (metrics-api.md §4).
import { ts } from "../series";
import { dataOf, freshIds, ingest, startTestApi, type TestApi } from "./test-support";

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(() => t.api.close());

const iso = (n: number) => ts(n).toISOString().replace(".000Z", "Z");

/** A model version of this test's tenant, with data made by `data`. */
async function model(data: Parameters<typeof ingest>[1]): Promise<string> {
  const { modelVersionId } = freshIds();
  await ingest({ namespace: t.namespace, model_version_id: modelVersionId }, data);
  return modelVersionId;
}

const RANGE = `query ($id: ID!, $start: DateTime!, $end: DateTime!, $step: Int) {
  range_model_metrics(model_version_id: $id, start: $start, end: $end, step_seconds: $step) {
    inference_volume { timestamp value }
    inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
    error_rate { timestamp value }
  }
}`;
const INSTANT = `query ($id: ID!, $start: DateTime!, $end: DateTime!) {
  instant_model_metrics(model_version_id: $id, start: $start, end: $end) {
    inference_volume
    inference_volume_by_status { status_2xx status_4xx status_5xx }
    error_rate
  }
}`;

describe("request volumes", () => {
  test("the seed example gives exactly its numbers", async () => {
    const id = await model(({ counter }) => {
      const requests = counter("model_requests_total");
      requests.labels({ status: "200" }).inc(ts(50)).inc(ts(60)).inc(ts(70)).inc(ts(150));
      requests.labels({ status: "404" }).inc(ts(200)).inc(ts(250));
      requests.labels({ status: "500" }).inc(ts(150));
    });
    const data = dataOf(await t.ask(RANGE, { id, start: iso(0), end: iso(300), step: 30 }));
    const expected: Array<[number, number, number, number]> = [
      [0, 0, 0, 0],
      [30, 0, 0, 0],
      [60, 4, 0, 0],
      [90, 2, 0, 0],
      [120, 0, 0, 0],
      [150, 2, 0, 2],
      [180, 0, 0, 0],
      [210, 0, 2, 0],
      [240, 0, 0, 0],
      [270, 0, 2, 0],
      [300, 0, 0, 0],
    ];
    expect(data.range_model_metrics.inference_volume_by_status).toEqual(
      expected.map(([n, s2, s4, s5]) => ({ timestamp: iso(n), status_2xx: s2, status_4xx: s4, status_5xx: s5 })),
    );
    expect(data.range_model_metrics.inference_volume).toEqual(
      expected.map(([n, s2, s4, s5]) => ({ timestamp: iso(n), value: s2 + s4 + s5 })),
    );
    // 5xx / all; null where there were no requests.
    expect(data.range_model_metrics.error_rate.map((p: { value: number | null }) => p.value)).toEqual([
      null,
      null,
      0,
      0,
      null,
      0.5,
      null,
      0,
      null,
      0,
      null,
    ]);
  });

  test("volumes are per minute whatever the step; 1xx and 3xx count only in the totals", async () => {
    const id = await model(({ counter }) => {
      const requests = counter("model_requests_total");
      requests.labels({ status: "200" }).inc(ts(10)).inc(ts(20)).inc(ts(30));
      requests.labels({ status: "503" }).inc(ts(70));
      requests.labels({ status: "101" }).inc(ts(130));
      requests.labels({ status: "302" }).inc(ts(140));
    });
    const data = dataOf(await t.ask(RANGE, { id, start: iso(0), end: iso(180), step: 60 }));
    const m = data.range_model_metrics;
    expect(m.inference_volume.map((p: { value: number }) => p.value)).toEqual([0, 3, 1, 2]);
    expect(m.inference_volume_by_status).toEqual([
      { timestamp: iso(0), status_2xx: 0, status_4xx: 0, status_5xx: 0 },
      { timestamp: iso(60), status_2xx: 3, status_4xx: 0, status_5xx: 0 },
      { timestamp: iso(120), status_2xx: 0, status_4xx: 0, status_5xx: 1 },
      { timestamp: iso(180), status_2xx: 0, status_4xx: 0, status_5xx: 0 },
    ]);
    expect(m.error_rate.map((p: { value: number | null }) => p.value)).toEqual([null, 0, 1, 0]);

    // Step 20: (0, 20] holds +10 and +20, 2 per 20 s = 6 per minute; (20, 40] holds +30; (40, 60] none.
    const fine = dataOf(await t.ask(RANGE, { id, start: iso(20), end: iso(60), step: 20 }));
    expect(fine.range_model_metrics.inference_volume.map((p: { value: number }) => p.value)).toEqual([6, 3, 0]);
  });

  test("an unaligned start puts points at exactly start + k * step", async () => {
    const id = await model(({ counter }) => {
      counter("model_requests_total", { status: "200" }).inc(ts(10)).inc(ts(20)).inc(ts(30));
      counter("model_requests_total", { status: "500" }).inc(ts(70));
    });
    const data = dataOf(await t.ask(RANGE, { id, start: iso(7), end: iso(100), step: 30 }));
    // Windows (-23, 7], (7, 37], (37, 67], (67, 97]; the last t_k <= end is 97.
    expect(data.range_model_metrics.inference_volume).toEqual([
      { timestamp: "2024-01-01T00:00:07Z", value: 0 },
      { timestamp: "2024-01-01T00:00:37Z", value: 6 },
      { timestamp: "2024-01-01T00:01:07Z", value: 0 },
      { timestamp: "2024-01-01T00:01:37Z", value: 2 },
    ]);
    expect(data.range_model_metrics.error_rate.map((p: { value: number | null }) => p.value)).toEqual([
      null,
      0,
      null,
      1,
    ]);
  });

  test("an instant query counts the requests in (start, end], not per minute", async () => {
    const id = await model(({ counter }) => {
      const requests = counter("model_requests_total");
      requests.labels({ status: "200" }).inc(ts(50)).inc(ts(60)).inc(ts(70)).inc(ts(150));
      requests.labels({ status: "404" }).inc(ts(200)).inc(ts(250));
      requests.labels({ status: "500" }).inc(ts(150));
      requests.labels({ status: "301" }).inc(ts(160));
    });
    const whole = dataOf(await t.ask(INSTANT, { id, start: iso(0), end: iso(300) })).instant_model_metrics;
    expect(whole).toEqual({
      inference_volume: 8,
      inference_volume_by_status: { status_2xx: 4, status_4xx: 2, status_5xx: 1 },
      error_rate: 1 / 8,
    });
    // The window is open at start and closed at end: the request at +50 is in (49, 50], not in (50, 60].
    const at50 = dataOf(await t.ask(INSTANT, { id, start: iso(49), end: iso(50) })).instant_model_metrics;
    expect(at50.inference_volume).toBe(1);
    const after50 = dataOf(await t.ask(INSTANT, { id, start: iso(50), end: iso(60) })).instant_model_metrics;
    expect(after50.inference_volume).toBe(1);
    const quiet = dataOf(await t.ask(INSTANT, { id, start: iso(300), end: iso(400) })).instant_model_metrics;
    expect(quiet).toEqual({
      inference_volume: 0,
      inference_volume_by_status: { status_2xx: 0, status_4xx: 0, status_5xx: 0 },
      error_rate: null,
    });
  });
});

describe("latencies", () => {
  const BUCKETS = [0.1, 0.5, 1, 2.5];
  /** The bucket (lo, hi] of the true quantile of the observations of (0, 60]. */
  const TRUE_BUCKET = { p50: [0.1, 0.5], p90: [0.5, 1], p95: [1, 2.5], p99: [1, 2.5] } as const;
  const LATENCY = `query ($id: ID!, $start: DateTime!, $end: DateTime!, $step: Int) {
    range_model_metrics(model_version_id: $id, start: $start, end: $end, step_seconds: $step) {
      response_time_percentiles { timestamp p50 p90 p95 p99 }
      e2e_response_time_percentiles { timestamp p50 p90 p95 p99 }
      average_response_time { timestamp value }
      average_e2e_response_time { timestamp value }
    }
    instant_model_metrics(model_version_id: $id, start: $start, end: $end) {
      response_time_percentiles { p50 p90 p95 p99 }
      e2e_response_time_percentiles { p50 p90 p95 p99 }
      average_response_time
      average_e2e_response_time
    }
  }`;

  test("percentiles fall inside the true bucket, averages are exact, empty windows are null", async () => {
    const id = await model(({ histogram }) => {
      // (0, 60]: ten observations; sorted 0.05 0.05 0.3 x6 0.7 2.0.
      const inference = histogram("model_inference_duration_seconds", { buckets: BUCKETS });
      inference.observe(ts(10), 0.05, 2).observe(ts(30), 0.3, 6).observe(ts(50), 0.7).observe(ts(60), 2.0);
      // The proxy's histogram sees other times, so that the two fields cannot be swapped unnoticed.
      histogram("model_e2e_response_time_seconds", { buckets: BUCKETS }).observe(ts(20), 0.2, 4);
    });
    const data = dataOf(await t.ask(LATENCY, { id, start: iso(60), end: iso(120), step: 60 }));
    const range = data.range_model_metrics;
    const [first, empty] = range.response_time_percentiles;
    expect(first.timestamp).toBe(iso(60));
    for (const [q, [lo, hi]] of Object.entries(TRUE_BUCKET)) {
      expect(first[q]).toBeGreaterThan(lo);
      expect(first[q]).toBeLessThanOrEqual(hi);
    }
    expect(empty).toEqual({ timestamp: iso(120), p50: null, p90: null, p95: null, p99: null });
    expect(range.e2e_response_time_percentiles[0].p50).toBeGreaterThan(0.1);
    expect(range.e2e_response_time_percentiles[0].p99).toBeLessThanOrEqual(0.5);
    expect(range.e2e_response_time_percentiles[1]).toEqual({
      timestamp: iso(120),
      p50: null,
      p90: null,
      p95: null,
      p99: null,
    });
    // (2 * 0.05 + 6 * 0.3 + 0.7 + 2.0) / 10
    expect(range.average_response_time[0].value).toBeCloseTo(0.46, 12);
    expect(range.average_response_time[1]).toEqual({ timestamp: iso(120), value: null });
    expect(range.average_e2e_response_time.map((p: { value: number | null }) => p.value)).toEqual([0.2, null]);

    // The instant window (60, 120] has no observation; (0, 60] is the range's first point.
    expect(data.instant_model_metrics).toEqual({
      response_time_percentiles: { p50: null, p90: null, p95: null, p99: null },
      e2e_response_time_percentiles: { p50: null, p90: null, p95: null, p99: null },
      average_response_time: null,
      average_e2e_response_time: null,
    });
    const whole = dataOf(await t.ask(LATENCY, { id, start: iso(0), end: iso(60), step: 60 })).instant_model_metrics;
    expect(whole.response_time_percentiles).toEqual({ p50: first.p50, p90: first.p90, p95: first.p95, p99: first.p99 });
    expect(whole.average_response_time).toBeCloseTo(0.46, 12);
  });
});

describe("billing", () => {
  const BILLING = `query ($id: ID, $start: DateTime!, $end: DateTime!, $step: Int) {
    range_billing_metrics(model_version_id: $id, start: $start, end: $end, step_seconds: $step) {
      billable_minutes { instance_type points { timestamp value } }
      replicas { instance_type points { timestamp value } }
    }
    instant_billing_metrics(model_version_id: $id, start: $start, end: $end) {
      billable_minutes_by_instance_type { instance_type minutes }
      total_billable_minutes
    }
  }`;
  const values = (series: Array<{ instance_type: string; points: Array<{ value: number }> }>) =>
    Object.fromEntries(series.map((s) => [s.instance_type, s.points.map((p) => p.value)]));

  /** Two replicas of A10G all along, one T4 until +120 then none, one H100 whose autoscaler missed (60, 120]. */
  const fleet: Parameters<typeof ingest>[1] = ({ counter, gauge }) => {
    counter("model_replica_seconds_total", { instance_type: "T4" }).ramp(ts(0), ts(120), 1);
    counter("model_replica_seconds_total", { instance_type: "A10G" }).ramp(ts(0), ts(600), 2);
    gauge("model_replicas_active", { instance_type: "T4" }).set(ts(0), 1).set(ts(120), 0);
    gauge("model_replicas_active", { instance_type: "A10G" }).set(ts(0), 2);
    gauge("model_replicas_active", { instance_type: "H100" }).set(ts(0), 1).gap(ts(70), ts(120));
  };

  test("billable minutes and replicas by instance type, sorted by it", async () => {
    const id = await model(fleet);
    const data = dataOf(await t.ask(BILLING, { id, start: iso(0), end: iso(180), step: 60 }));
    const range = data.range_billing_metrics;
    expect(range.billable_minutes.map((s: { instance_type: string }) => s.instance_type)).toEqual(["A10G", "T4"]);
    expect(values(range.billable_minutes)).toEqual({ A10G: [0, 2, 2, 2], T4: [0, 1, 1, 0] });
    expect(range.billable_minutes[0].points.map((p: { timestamp: string }) => p.timestamp)).toEqual([
      iso(0),
      iso(60),
      iso(120),
      iso(180),
    ]);
    // The replica count at t_k is the last sample in (t_k - 60, t_k]; none in (60, 120] for H100.
    expect(values(range.replicas)).toEqual({ A10G: [2, 2, 2, 2], H100: [1, 1, 0, 1], T4: [1, 1, 0, 0] });
    expect(data.instant_billing_metrics).toEqual({
      billable_minutes_by_instance_type: [
        { instance_type: "A10G", minutes: 6 },
        { instance_type: "T4", minutes: 2 },
      ],
      total_billable_minutes: 8,
    });
  });

  test("without model_version_id, billing covers the whole namespace and nothing outside it", async () => {
    const [tenant, other] = [t.newTenant(), t.newTenant()];
    const [a, b] = [freshIds().modelVersionId, freshIds().modelVersionId];
    await ingest({ namespace: tenant.namespace, model_version_id: a }, fleet);
    await ingest({ namespace: tenant.namespace, model_version_id: b }, fleet);
    // The same model version id and instance types in another namespace must not count.
    await ingest({ namespace: other.namespace, model_version_id: a }, fleet);
    const one = dataOf(await t.ask(BILLING, { id: a, start: iso(0), end: iso(180), step: 60 }, tenant.key));
    const all = dataOf(await t.ask(BILLING, { start: iso(0), end: iso(180), step: 60 }, tenant.key));
    expect(values(all.range_billing_metrics.billable_minutes)).toEqual({ A10G: [0, 4, 4, 4], T4: [0, 2, 2, 0] });
    expect(values(all.range_billing_metrics.replicas)).toEqual({
      A10G: [4, 4, 4, 4],
      H100: [2, 2, 0, 2],
      T4: [2, 2, 0, 0],
    });
    expect(all.instant_billing_metrics.total_billable_minutes).toBe(
      2 * one.instant_billing_metrics.total_billable_minutes,
    );
  });

  test("a namespace without billing data gets empty lists and zero minutes", async () => {
    const tenant = t.newTenant();
    const data = dataOf(await t.ask(BILLING, { start: iso(0), end: iso(180), step: 60 }, tenant.key));
    expect(data).toEqual({
      range_billing_metrics: { billable_minutes: [], replicas: [] },
      instant_billing_metrics: { billable_minutes_by_instance_type: [], total_billable_minutes: 0 },
    });
  });
});

test("without step_seconds a range has one point per minute", async () => {
  const id = await model(({ counter }) => {
    counter("model_requests_total", { status: "200" }).inc(ts(30)).inc(ts(40));
  });
  const data = dataOf(await t.ask(RANGE, { id, start: iso(0), end: iso(120) }));
  expect(data.range_model_metrics.inference_volume).toEqual([
    { timestamp: iso(0), value: 0 },
    { timestamp: iso(60), value: 2 },
    { timestamp: iso(120), value: 0 },
  ]);
});

test("DateTimes with an offset and a zero fraction are read as the same instant and answered in UTC", async () => {
  const id = await model(({ counter }) => {
    counter("model_requests_total", { status: "200" }).inc(ts(30));
  });
  const data = dataOf(
    await t.ask(RANGE, { id, start: "2024-01-01T01:00:00.000+01:00", end: "2023-12-31T19:01:00-05:00", step: 60 }),
  );
  expect(data.range_model_metrics.inference_volume).toEqual([
    { timestamp: "2024-01-01T00:00:00Z", value: 0 },
    { timestamp: "2024-01-01T00:01:00Z", value: 1 },
  ]);
});
