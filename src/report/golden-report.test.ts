import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { casesFingerprint, writeCoverageRecord } from "../coverage/coverage-file";
import { buildCoverage } from "../coverage/coverage";
import { contractSchema, factsOf } from "../coverage/test-support";
import { ts } from "../series/time";
import { main } from "./cli";
import { errorAnswer, goldenText, rangeAnswer, TempRepo } from "./test-support";

// The report end to end on golden pairs in a throwaway git repository: goldens committed, then
// changed in the working tree, then `golden-report --base <ref>` run on it, as a reviewer would.

let repo: TempRepo;
beforeEach(() => (repo = new TempRepo()));
afterEach(() => repo.cleanup());

function report(args: string[] = ["--base", "HEAD"], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const code = main(args, {
    root: repo.dir,
    cwd: repo.dir,
    env,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

/** The Markdown table row that starts with `first`, as cells. */
const row = (markdown: string, first: string) =>
  markdown
    .split("\n")
    .find((l) => l.startsWith(`| ${first} `))
    ?.split("|")
    .slice(1, -1)
    .map((c) => c.trim());

const volume = (values: (number | null)[]) => rangeAnswer("inference_volume", "value", values);
const p99 = (values: (number | null)[]) => rangeAnswer("response_time_percentiles", "p99", values);

describe("golden-report", () => {
  test("the summary table counts cases and queries added, removed, changed and unchanged", () => {
    repo.golden("kept", { range: volume([1, 2]) });
    repo.golden("gone", { range: volume([1]), instant: volume([2]) });
    repo.golden("edited", { range: volume([1, 2]), old_query: volume([3]), same: volume([4]) });
    repo.commit();
    repo.remove("__golden__/gone.snap");
    repo.golden("fresh", { range: volume([5]) });
    repo.golden("edited", { range: volume([1, 3]), new_query: volume([6]), same: volume([4]) });

    const { code, stdout } = report();
    expect(code).toBe(0);
    expect(row(stdout, "added")).toEqual(["added", "1", "2"]); // fresh; fresh.range and edited.new_query
    expect(row(stdout, "removed")).toEqual(["removed", "1", "3"]); // gone; its two queries and edited.old_query
    expect(row(stdout, "changed")).toEqual(["changed", "1", "1"]); // edited; edited.range
    expect(row(stdout, "unchanged")).toEqual(["unchanged", "1", "2"]); // kept; kept.range and edited.same
    expect(stdout).toContain("- added case `fresh`: `range`");
    expect(stdout).toContain("- removed case `gone`: `instant`, `range`");
    expect(stdout).toContain("- added query `edited` › `new_query`");
    expect(stdout).toContain("- removed query `edited` › `old_query`");
    expect(stdout).toContain("### `edited` › `range`");
    expect(stdout).not.toContain("`kept` ›");
  });

  test("candidates kept by a failing run (__golden__/.pending/) are not goldens: the report never reads them", () => {
    repo.golden("kept", { range: volume([1, 2]) });
    repo.write("__golden__/.pending/kept.snap", goldenText({ range: volume([1]) })); // committed by mistake
    repo.commit();
    repo.write("__golden__/.pending/kept.snap", goldenText({ range: volume([7, 8]) }));
    repo.write("__golden__/.pending/other.snap", goldenText({ range: volume([9]) }));

    const { code, stdout } = report();
    expect(code).toBe(0);
    expect(row(stdout, "unchanged")).toEqual(["unchanged", "1", "1"]);
    for (const what of ["added", "removed", "changed"]) expect(row(stdout, what)).toEqual([what, "0", "0"]);
    expect(stdout).not.toContain(".pending");
  });

  test("a changed exact value: its field, how many points, the largest change, where in time, outside tolerance, and a chart", () => {
    repo.golden("volume", { range: volume([0, 4, 2, 0, 2]) });
    repo.commit();
    repo.golden("volume", { range: volume([0, 6, 2, 0, 3]) });

    const { stdout } = report();
    expect(stdout).toContain("2 values in 1 field; 2 outside tolerance; ts(30) … ts(120)");
    expect(row(stdout, "`range_model_metrics.inference_volume[*].value`")).toEqual([
      "`range_model_metrics.inference_volume[*].value`",
      "2", // points
      "2", // largest absolute: 4 → 6
      "50%", // largest relative: 4 → 6 and 2 → 3 are both +50%
      "ts(30) … ts(120)",
      "exact",
      "🔎 no, all 2: review the change",
    ]);
    expect(stdout).toContain(
      [
        "xychart-beta",
        '    title "inference_volume · value"',
        '    x-axis ["ts(0)", "ts(30)", "ts(60)", "ts(90)", "ts(120)"]',
        '    y-axis "value"',
        "    line [0, 4, 2, 0, 2]",
        "    line [0, 6, 2, 0, 3]",
        "```",
      ].join("\n"),
    );
  });

  test("a percentile moved within its default tolerance (1%) is marked within; one moved further is not", () => {
    repo.golden("latency", { inside: p99([1, 2]), outside: p99([1, 2]) });
    repo.commit();
    repo.golden("latency", { inside: p99([1.005, 2]), outside: p99([1, 2.1]) });

    const { stdout } = report();
    const [inside, outside] = stdout.split("### `latency` › `outside`");
    expect(row(inside!, "`range_model_metrics.response_time_percentiles[*].p99`")).toEqual([
      "`range_model_metrics.response_time_percentiles[*].p99`",
      "1",
      "0.005",
      "0.5%",
      "ts(0)",
      "rel 1% (default)",
      "✅ yes",
    ]);
    expect(inside).toContain("1 value in 1 field; all within tolerance; ts(0)");
    expect(row(outside!, "`range_model_metrics.response_time_percentiles[*].p99`")?.slice(3)).toEqual([
      "5%",
      "ts(30)",
      "rel 1% (default)",
      "🔎 no: review the change",
    ]);
    expect(stdout).toContain("project defaults by field name (p50 rel 1%");
  });

  test("a query's own tolerance is read from its case module's source, which is never run", () => {
    repo.write(
      "cases/volume.case.ts",
      `throw new Error("a case module must not be run by the report");
       export default goldenCase({
         name: "volume",
         queries: {
           range: { query: "{}", tolerance: { "range_model_metrics.inference_volume[*].value": { abs: 0.5 } } },
           computed: { query: "{}", tolerance: loose },
         },
       });`,
    );
    repo.golden("volume", { range: volume([1, 2]), computed: volume([1]), other: volume([1]) });
    repo.commit();
    repo.golden("volume", { range: volume([1.4, 3]), computed: volume([1.4]), other: volume([1.4]) });

    const { code, stdout } = report();
    expect(code).toBe(0);
    const section = (q: string) => stdout.split(`### \`volume\` › \`${q}\``)[1]!.split("###")[0]!;
    expect(row(section("range"), "`range_model_metrics.inference_volume[*].value`")?.slice(5)).toEqual([
      "abs 0.5 (query)",
      "🔎 no, 1 of 2: review the change",
    ]);
    expect(row(section("other"), "`range_model_metrics.inference_volume[*].value`")?.slice(5)).toEqual([
      "exact",
      "🔎 no: review the change",
    ]);
    expect(stdout).toContain(
      "Judged by the default tolerances only (their `tolerance` could not be read as a literal object): `cases/volume.case.ts: computed`.",
    );
  });

  test("error goldens: a changed code and message are reported, as is an answer that became an error", () => {
    repo.golden("errors", {
      unknown_model: errorAnswer("NOT_FOUND", 'model_version_id "x" has no metrics in your namespace.'),
      became_error: volume([1]),
    });
    repo.commit();
    repo.golden("errors", {
      unknown_model: errorAnswer("FORBIDDEN", "not yours."),
      became_error: errorAnswer("BAD_USER_INPUT", "end is before start."),
    });

    const { stdout } = report();
    expect(stdout).toContain("### `errors` › `unknown_model`\n\n1 error changed");
    expect(stdout).toContain(
      '| `errors[0]` | code NOT_FOUND → FORBIDDEN<br>message "model_version_id \\"x\\" has no metrics in your namespace." → "not yours." |',
    );
    expect(stdout).toContain(
      '| `errors[0]` | new error BAD_USER_INPUT "end is before start." at range_model_metrics |',
    );
  });

  test("a golden file that cannot be parsed is named with its line; the rest of the report is still produced", () => {
    repo.golden("broken", { range: volume([1]) });
    repo.golden("fine", { range: volume([1, 2]) });
    repo.commit();
    repo.write(
      "__golden__/broken.snap",
      "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\n<<<<<<< HEAD\nexports[`range`] = `\n{}\n`;\n",
    );
    repo.golden("fine", { range: volume([1, 5]) });

    const { code, stdout, stderr } = report();
    expect(code).toBe(0);
    expect(stdout).toContain(
      "> [!WARNING]\n> `__golden__/broken.snap` (working tree) could not be read; its queries are left out of the counts: __golden__/broken.snap:3: not a golden entry",
    );
    expect(stderr).toContain("golden-report: could not read __golden__/broken.snap (working tree)");
    expect(row(stdout, "changed")).toEqual(["changed", "1", "1"]);
    expect(stdout).toContain("### `fine` › `range`");
  });

  test("an entry whose body is not JSON is named, with the entry; the other entries are compared", () => {
    repo.golden("mixed", { bad: volume([1]), good: volume([1]) });
    repo.commit();
    repo.golden("mixed", { bad: volume([1]), good: volume([2]) });
    repo.write("__golden__/mixed.snap", repo.read("__golden__/mixed.snap").replace('"value": 1\n', '"value": 1,,\n'));

    const { stdout } = report();
    expect(stdout).toMatch(
      /`__golden__\/mixed\.snap` entry `bad` \(working tree\) could not be compared: the body is not JSON \(.+\)/,
    );
    expect(stdout).toContain("### `mixed` › `bad`\n\nnot comparable: the after body is not JSON");
    expect(stdout).toContain("### `mixed` › `good`\n\n1 value in 1 field");
  });

  test("the default base is the merge base with main, or with origin/main when that exists, and the report says which", () => {
    repo.golden("volume", { range: volume([1]) });
    const first = repo.commit("first");
    repo.git("checkout", "-q", "-b", "feature");
    repo.golden("volume", { range: volume([2]) });
    repo.commit("on the branch");
    repo.golden("volume", { range: volume([3]) });

    const fromMain = report([]);
    expect(fromMain.stdout).toContain(
      `Comparing the goldens at \`${first.slice(0, 10)}\`, the merge base of HEAD and \`main\` with the working tree.`,
    );
    expect(fromMain.stdout).toContain("no chart, fewer than two timestamps with a number on both sides");

    repo.git("update-ref", "refs/remotes/origin/main", "HEAD");
    const fromOrigin = report([]);
    expect(fromOrigin.stdout).toContain("the merge base of HEAD and `origin/main`");
  });

  test("with GITHUB_STEP_SUMMARY set, the same Markdown is appended there", () => {
    repo.golden("volume", { range: volume([1, 2]) });
    repo.commit();
    repo.golden("volume", { range: volume([1, 3]) });
    repo.write("summary.md", "earlier step\n");
    const summary = join(repo.dir, "summary.md");

    const { stdout } = report(["--base", "HEAD"], { GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(summary, "utf8")).toBe(`earlier step\n${stdout}\n`);
  });

  test("--html writes one self-contained file with a chart per changed series", () => {
    repo.golden("volume", { range: rangeAnswer("response_time_percentiles", "p50", [1, 2, 3]) });
    repo.commit();
    repo.golden("volume", {
      range: {
        data: {
          range_model_metrics: {
            response_time_percentiles: [0, 30, 60].map((t, i) => ({
              timestamp: `ts(${t})`,
              p50: i + 1,
              p99: i === 2 ? 9 : null,
            })),
          },
        },
      },
    });

    const { stderr } = report(["--base=HEAD", "--html", "out/report.html"]);
    const path = join(repo.dir, "out/report.html");
    expect(stderr).toContain(`golden-report: wrote ${path}`);
    const html = readFileSync(path, "utf8");
    expect(html.match(/<figure class="chart"/g)).toHaveLength(1); // p99 is new; p50 did not move
    expect(html).toContain('data-series="range_model_metrics.response_time_percentiles · p99"');
    expect(html).not.toMatch(/<script|<link|\bsrc=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  test("the coverage of the metrics surface: the last full run's table, in Markdown and HTML; stale when cases/ changed since", () => {
    repo.golden("volume", { range: volume([1]) });
    repo.write("cases/volume.case.ts", "// the case module\n");
    repo.commit();
    expect(report().stdout).toContain(
      "### Coverage of the metrics surface\n\nNo coverage yet: a run of every case module (`npm test`) writes it to `__golden__/.coverage.json`.",
    );

    const facts = factsOf((b) => b.counter("model_requests_total", { status: "503" }).reset(ts(30)), {
      queries: {
        instant: {
          document: `{ instant_model_metrics(model_version_id: "mv", start: "${ts(0).toISOString()}", end: "${ts(60).toISOString()}") { error_rate } }`,
          variables: {},
        },
      },
    });
    const model = buildCoverage(contractSchema(), [{ name: "volume", facts }], []);
    const record = { madeAt: "2026-12-01T10:00:00.123Z", target: "the reference API", model };
    writeCoverageRecord(repo.dir, { ...record, casesFingerprint: casesFingerprint(repo.dir) });
    const { stdout } = report(["--base", "HEAD", "--html", "report.html"]);
    const section = stdout.slice(stdout.indexOf("### Coverage of the metrics surface"));
    expect(section).toContain(
      "From the run of every case module at 2026-12-01T10:00:00Z, against the reference API: 2 of 44 schema fields and 3 of 14 arguments are queried (1 case module, 1 query).",
    );
    expect(row(section, "`InstantModelMetrics.error_rate`")).toEqual([
      "`InstantModelMetrics.error_rate`",
      ...["1", "-", "-", "-", "1", "-", "", "-", "-", "-", "-", "-"],
    ]);
    expect(row(section, "`RangeBillingMetrics.replicas`")).toEqual([
      "`RangeBillingMetrics.replicas`",
      ...["-", "", "-", "-", "-", "-", "", "-", "-", "-", "", "-"],
    ]);
    expect(section).toContain("- Fields no case queries (`CI=true` fails on them): `Query.range_model_metrics`,");
    expect(section).toContain("- `empty`: a window in which no series of the field changes");
    expect(section).not.toContain("[!WARNING]");
    const html = repo.read("report.html");
    expect(html).toContain('<section class="coverage"><h2>Coverage of the metrics surface</h2>');
    expect(html).toContain(
      '<tr class="type"><th colspan="13">InstantModelMetrics</th></tr><tr><td><code>inference_volume</code></td><td class="num none">-</td>',
    );
    expect(html).toMatch(
      /<td><code>error_rate<\/code><\/td><td class="num">1<\/td>(<td class="num none">-<\/td>){3}<td class="num">1<\/td>/,
    );

    repo.write("cases/volume.case.ts", "// the case module, edited\n");
    expect(report().stdout).toContain(
      "> [!WARNING]\n> The files in `cases/` changed since that run: `npm test` shows the coverage of the working tree.",
    );
  });

  test("a base that is not a commit, or an unknown argument, says what is accepted and exits 2", () => {
    repo.golden("volume", { range: volume([1]) });
    repo.commit();
    expect(report(["--base", "no-such-branch"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--base no-such-branch is not a commit in this repository"),
    });
    expect(report(["--bse", "HEAD"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown argument "--bse"'),
    });
    expect(report(["--html"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--html needs a value") });
  });

  test("npm run golden-report reaches the command line through bin/golden-report", () => {
    const root = resolve(__dirname, "../..");
    const child = spawnSync(join(root, "bin/golden-report"), ["--help"], { encoding: "utf8" });
    expect(child.status).toBe(0);
    expect(child.stdout).toContain("usage: npm run golden-report [-- --base <git ref>] [--html <file>]");
    expect(existsSync(join(root, "bin/golden-report"))).toBe(true);
  });
});
