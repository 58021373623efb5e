import { METRIC } from "../api/metricsql";
import { ts } from "../series/time";
import { parseAcceptedGaps } from "./accepted-gaps";
import { buildCoverage, type CoverageModel } from "./coverage";
import { queryTime } from "./query-time";
import { formatCoverage, matrixRows, uncoveredMessage } from "./table";
import { contractSchema, factsOf, MODEL } from "./test-support";

const iso = (n: number) => ts(n).toISOString();
const window = { start: iso(0), end: iso(60) };

/** Two case modules: one asks the instant volume, the other the replicas of two zones of one instance type. */
function twoCases(accepted = "") {
  const volume = factsOf((b) => b.counter(METRIC.requests, { status: "200" }).inc(ts(10)), {
    queries: {
      instant: {
        document: `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
          instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) { inference_volume error_rate }
        }`,
        variables: { model_version_id: MODEL, ...window },
      },
    },
  });
  const zones = factsOf(
    (b) => {
      b.gauge(METRIC.replicasActive, { instance_type: "A10G", zone: "a" }).set(ts(0), 2);
      b.gauge(METRIC.replicasActive, { instance_type: "A10G", zone: "b" }).set(ts(0), 1).gap(ts(30), ts(600));
    },
    {
      queries: {
        range: {
          document: `query ($start: DateTime!, $end: DateTime!) {
            range_billing_metrics(start: $start, end: $end, step_seconds: 60) { replicas { instance_type points { value } } }
          }`,
          variables: { model_version_id: MODEL, ...window },
        },
      },
    },
  );
  return buildCoverage(
    contractSchema(),
    [
      { name: "volume", facts: volume },
      { name: "zones", facts: zones },
    ],
    parseAcceptedGaps(accepted, "cases/accepted-gaps.txt"),
  );
}

const casesOf = (model: CoverageModel, coordinate: string) =>
  [...model.fields, ...model.arguments, ...model.metricFields].find((f) => f.coordinate === coordinate)?.cases;

describe("the coverage of the metrics surface", () => {
  test("which case modules query each field and give each argument", () => {
    const model = twoCases();
    expect(model).toMatchObject({ caseModules: 2, queries: 2 });
    expect(casesOf(model, "Query.instant_model_metrics")).toEqual(["volume"]);
    expect(casesOf(model, "InstantModelMetrics.inference_volume")).toEqual(["volume"]);
    expect(casesOf(model, "InstanceTypeSeries.points")).toEqual(["zones"]);
    expect(casesOf(model, "ValuePoint.value")).toEqual(["zones"]);
    expect(casesOf(model, "ValuePoint.timestamp")).toEqual([]);
    expect(casesOf(model, "Query.range_billing_metrics(step_seconds:)")).toEqual(["zones"]);
    expect(casesOf(model, "Query.range_billing_metrics(model_version_id:)")).toEqual([]); // namespace-wide
  });

  test("which case modules exercise each data condition on each field of a root query's result", () => {
    const { conditions } = twoCases().metricFields.find((f) => f.coordinate === "RangeBillingMetrics.replicas")!;
    expect(conditions).toMatchObject({ group: ["zones"], ends: ["zones"], late: [] });
    expect(conditions).not.toHaveProperty("reset"); // a gauge has none
    const fields = twoCases().metricFields;
    const errorRate = fields.find((f) => f.coordinate === "InstantModelMetrics.error_rate")!;
    expect(errorRate.conditions["no-5xx"]).toEqual(["volume"]);
    // a condition that cannot matter to a field is absent: whether a status is 5xx, for the volume of all statuses
    const volume = fields.find((f) => f.coordinate === "InstantModelMetrics.inference_volume")!;
    expect(volume.conditions).not.toHaveProperty("no-5xx");
    expect(volume.conditions.reset).toEqual([]);
  });

  test("fields no case queries are uncovered unless a line accepts them; a line that accepts nothing is stale", () => {
    const open = twoCases();
    expect(open.gaps.uncovered).toContain("ValuePoint.timestamp");
    expect(open.gaps.uncovered).not.toContain("InstantModelMetrics.inference_volume");
    const model = twoCases(
      [
        "# known gaps",
        "ValuePoint.timestamp: read by dashboards only  # a comment",
        "InstantModelMetrics.inference_volume: no longer true",
        "ValuePoint.valu: a typo",
      ].join("\n"),
    );
    expect(model.gaps.uncovered).not.toContain("ValuePoint.timestamp");
    expect(model.gaps.accepted).toEqual([
      { field: "ValuePoint.timestamp", reason: "read by dashboards only", line: 2 },
    ]);
    expect(model.gaps.stale).toEqual([
      { field: "InstantModelMetrics.inference_volume", reason: "no longer true", line: 3, why: "queried by volume" },
      { field: "ValuePoint.valu", reason: "a typo", line: 4, why: "not a field of the schema (reachable from Query)" },
    ]);
  });

  test("the terminal table: 120 columns, a row per field of a root query's result by type, - for none; gaps named", () => {
    const model = twoCases("ValuePoint.timestamp: read by dashboards only\nInstantModelMetrics.inference_volume: old");
    const text = formatCoverage(model);
    const lines = text.split("\n");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(lines[0]).toBe(
      "coverage of the metrics surface: 8 of 44 schema fields and 6 of 14 arguments are queried (2 case modules, 2 queries)",
    );
    expect(lines).toContain("RangeBillingMetrics");
    // right-aligned under their headers: each row as long as the header; blank where a condition cannot matter
    const header = lines.find((l) => l.startsWith("field "))!;
    expect(header).toBe(
      "field                               cases reset gap stale empty grid +Inf group late ends no-5xx other-ns",
    );
    const rows = lines.filter((l) => /^  [a-z0-9_]+ {2,}/.test(l));
    expect(rows).toHaveLength(18);
    for (const row of rows) expect(row).toHaveLength(header.length);
    const ends = [
      header.indexOf(" cases"),
      ...[...header.matchAll(/\S+/g)].slice(1).map((m) => m.index! + m[0].length),
    ];
    // the last row of a field: an instant field, below its range twin
    const row = (field: string) => lines.findLast((l) => l.startsWith(`  ${field} `))!;
    const cells = (field: string) => ends.slice(1).map((end, i) => row(field).slice(ends[i], end).trim());
    expect(cells("replicas")).toEqual(["1", "", "-", "-", "-", "-", "", "1", "-", "1", "", "-"]);
    expect(cells("error_rate")).toEqual(["1", "-", "-", "-", "-", "-", "", "-", "-", "-", "1", "-"]);
    expect(text).toContain("reset: a counter resets; gap: a scrape is missed;");
    expect(text).toContain("conditions no case exercises: reset, gap, stale, empty, grid, +Inf, late, other-ns");
    expect(text).toContain("arguments no case gives: Query.range_model_metrics(model_version_id:)");
    expect(text).toContain("accepted gap (cases/accepted-gaps.txt:1): ValuePoint.timestamp: read by dashboards only");
    expect(text).toContain(
      "cases/accepted-gaps.txt:2: InstantModelMetrics.inference_volume accepts nothing (queried by volume); delete the line",
    );
    expect(matrixRows(model)).toHaveLength(18);
  });

  test("the message for uncovered fields names them and the line that would accept the first", () => {
    const message = uncoveredMessage(twoCases());
    expect(message).toMatch(/^36 schema fields no case queries: Query\.range_model_metrics, /);
    expect(message).toContain(
      "or accept a known gap with a line `Query.range_model_metrics: <why no case queries it>` in cases/accepted-gaps.txt",
    );
  });
});

describe("accepted gaps: one `Type.field: why` a line", () => {
  test.each([
    [
      "InstantModelMetrics.error_rate",
      'cases/accepted-gaps.txt:1: "InstantModelMetrics.error_rate" is not an accepted gap; one accepted gap a line, `<Type.field>: <why no case queries it>`',
    ],
    ["error_rate: why", 'cases/accepted-gaps.txt:1: "error_rate: why" is not an accepted gap'],
    [
      "InstantModelMetrics.error_rate:   ",
      "cases/accepted-gaps.txt:1: InstantModelMetrics.error_rate has no reason; a reviewer needs to know why.",
    ],
    ["A.b: one\n\nA.b: two", "cases/accepted-gaps.txt:3: A.b is already accepted at line 1; keep one."],
  ])("%p is refused, saying where and what is allowed", (text, message) => {
    expect(() => parseAcceptedGaps(text, "cases/accepted-gaps.txt")).toThrow(message);
  });
});

describe("a root query's windows, as the contract defines them", () => {
  test("a range: (t_k - step, t_k] for t_k = start + k * step <= end; step_seconds defaults to 60", () => {
    expect(queryTime({ start: iso(0), end: iso(70), step_seconds: 30 }, true)).toEqual({
      start: ts(0).getTime(),
      end: ts(70).getTime(),
      step: 30_000,
      windows: [
        [ts(-30).getTime(), ts(0).getTime()],
        [ts(0).getTime(), ts(30).getTime()],
        [ts(30).getTime(), ts(60).getTime()],
      ],
    });
    expect(queryTime({ start: iso(0), end: iso(120) }, true)?.windows).toHaveLength(3);
  });

  test("an instant: (start, end]; no window for end before start, an empty instant, a bad DateTime or too many points", () => {
    expect(queryTime({ start: iso(0), end: iso(60) }, false)?.windows).toEqual([[ts(0).getTime(), ts(60).getTime()]]);
    expect(queryTime({ start: iso(60), end: iso(0) }, false)).toBeUndefined();
    expect(queryTime({ start: iso(0), end: iso(0) }, false)).toBeUndefined();
    expect(queryTime({ start: "yesterday", end: iso(0) }, false)).toBeUndefined();
    expect(queryTime({ start: iso(0), end: iso(11_000), step_seconds: 1 }, true)).toBeUndefined();
  });
});
