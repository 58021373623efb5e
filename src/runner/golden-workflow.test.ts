import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { caseTemplate } from "../authoring/case-template";
import { parseGolden } from "../golden/golden-file";
import { runContext, runVm } from "../run/context";
import { CONTRACT_SCHEMA_FIELDS } from "../coverage/contract-schema";
import { countingCase, countingGolden, FixtureProject } from "./__fixtures__/fixture-project";
import { mergeShards } from "./merge-shards";

// The golden workflow end to end: child jest runs of a throwaway project, checked by the files
// they leave and the messages they print. Each run is a real run, on this run's VictoriaMetrics
// and reference API (the outage and the dying server start their own). A child run costs about
// a second: scenarios that need the same kind of run share it, each through case modules of its
// own, and tests run two at a time.
function workflowTest(
  name: string,
  cases: Record<string, string>,
  body: (project: FixtureProject) => Promise<void>,
): void {
  test.concurrent(
    name,
    async () => {
      const project = await FixtureProject.with(cases);
      try {
        await body(project);
      } finally {
        project.release();
      }
    },
    120_000,
  );
}

afterAll(() => FixtureProject.removeAll());

const bump = (name: string, requests: number) => ({ [`FIXTURE_REQUESTS_${name.toUpperCase()}`]: String(requests) });
const CONFLICT = "<<<<<<< HEAD\n";
const FAILING_ORACLE_QUERY = `
    checked: {
      query: \`query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) { inference_volume }
      }\`,
      variables: { start: ts(0), end: ts(60) },
      check({ data }) {
        expect(data.instant_model_metrics.inference_volume).toBe(0);
      },
    },`;
const UNPARSABLE_QUERY = `
    unparsable: { query: \`query ($model_version_id: ID!) { instant_model_metrics(model_version_id: $model_version_id { inference_volume } }\` },`;

describe("the golden workflow", () => {
  const loaded = join(tmpdir(), `golden-loaded-${process.pid}.txt`);
  afterAll(() => rmSync(loaded, { force: true }));
  // Case modules run in a process of their own (case-process.ts): what it held as it exited is what they loaded.
  const probe = `process.once("exit", () => require("node:fs").writeFileSync(${JSON.stringify(loaded)}, Object.keys(require.cache).join("\\n")));\n`;
  // Beside case a, the case `npm run new-case` writes, as is: it runs, and its golden is stable.
  workflowTest(
    "from nothing: CI writes nothing; update-goldens writes; a check passes, changes no byte, and its case files load nothing heavy; a schema field no case queries fails CI until a line accepts it",
    { a: countingCase("a", { after: probe }), fresh: caseTemplate("fresh").replace('from "../src"', 'from "@suite"') },
    async (project) => {
      const uncovered = "RangeModelMetrics.error_rate";
      project.acceptGaps(CONTRACT_SCHEMA_FIELDS.filter((f) => f !== uncovered));
      const gap = `1 schema field no case queries: ${uncovered}. Add a case that queries it, or accept a known gap with a line \`${uncovered}: <why no case queries it>\` in cases/accepted-gaps.txt`;
      // CI=true never writes, not even under -u; a missing golden fails with the command that creates it
      const ci = await project.run({ args: ["--ci=false", "-u"] });
      expect(ci.code).not.toBe(0);
      expect(ci.output).toContain(
        'case "fixture a" (cases/a.case.ts), query "volume": no golden in __golden__/a.snap, and CI runs never write one.',
      );
      expect(ci.output).toContain("create it: npm run update-goldens -- cases/a.case.ts");
      expect(project.golden("a")).toBeUndefined();
      // and CI fails on the schema field no case queries and no line accepts
      expect(ci.output).toContain(`CI=true: ${gap}`);

      // outside CI the same gap is a warning, and the run passes
      const update = await project.run({ update: true });
      expect(update.code).toBe(0);
      expect(update.output).toContain("goldens: 4 written, 0 unchanged, 0 kept within tolerance, 0 removed, 0 failed");
      expect(update.output).toContain(`warning: ${gap}`);
      expect(project.golden("a")).toBe(countingGolden(2));
      // the template's data: ts(15), ts(20): 2 requests in 30 s, per minute
      expect(project.golden("fresh")).toContain('{ "timestamp": "ts(30)", "value": 4 }');
      const freshGolden = project.golden("fresh");

      // accepted, CI passes: with the coverage table after jest's summary
      project.acceptGaps(CONTRACT_SCHEMA_FIELDS);
      rmSync(loaded, { force: true });
      const check = await project.run();
      expect(check.code).toBe(0);
      expect(check.output).toContain("goldens: 0 written, 4 unchanged");
      expect(check.output).toMatch(
        /Test Suites: [\s\S]*goldens: [\s\S]*coverage of the metrics surface: 10 of 44 schema fields and 7 of 14 arguments/,
      );
      // case a has one status, a 200: no 5xx series (blank where a condition cannot matter to the field)
      expect(check.output).toMatch(/^  inference_volume_by_status +2 +- +- +- +- +- +- +- +- +1 +-$/m);
      expect(check.output).not.toContain("no case queries");
      expect(project.golden("a")).toBe(countingGolden(2));
      expect(project.golden("fresh")).toBe(freshGolden);
      // What the case process held at its end: the runner, and nothing heavy.
      const modules = readFileSync(loaded, "utf8").split("\n");
      expect(modules).toContain(resolve(__dirname, "case-run.ts"));
      expect(
        modules.filter((m) =>
          /node_modules\/(prettier|graphql|graphql-yoga|@graphql-yoga|typescript)\/.*\.[cm]?js$/.test(m),
        ),
      ).toEqual([]);
    },
  );

  describe("against goldens that exist", () => {
    const cases = {
      within: countingCase("within", { byStatus: false }),
      beyond: countingCase("beyond"),
      unreadable: countingCase("unreadable"),
    };
    const withGoldens = (project: FixtureProject) => {
      project.writeGolden("within", countingGolden(2, { byStatus: false }));
      project.writeGolden("beyond", countingGolden(2));
      project.writeGolden("unreadable", countingGolden(2) + CONFLICT);
    };
    // volume: 3 is within abs 1 of the golden's 2; 5 is beyond it, and by_status is exact
    const changed = { ...bump("within", 3), ...bump("beyond", 5) };

    workflowTest(
      "npm test passes a change within tolerance, fails one beyond it and an unreadable file, saying where, and changes no file",
      cases,
      async (project) => {
        withGoldens(project);
        // outside CI, where npm test may write new goldens, it still never changes an existing one
        const check = await project.run({ ci: false, env: changed });
        expect(check.code).not.toBe(0);
        expect(check.output).toContain("goldens: 0 written, 0 unchanged, 1 kept within tolerance, 0 removed, 4 failed");
        expect(check.output).toContain(
          'case "fixture beyond" (cases/beyond.case.ts), query "volume": 1 value(s) differ from __golden__/beyond.snap',
        );
        expect(check.output).toContain(
          "instant_model_metrics.inference_volume: golden 2, actual 5  difference +3 (+150%)  tolerance abs 1 (allows ±1)",
        );
        expect(check.output).toContain(
          "instant_model_metrics.inference_volume_by_status.status_2xx: golden 2, actual 5  difference +3 (+150%)  tolerance exact",
        );
        expect(check.output).toContain("rerun:   npm test -- cases/beyond.case.ts -t '^fixture beyond volume$'");
        // the MetricsQL with the window it was evaluated over, so that a shifted window shows
        expect(check.output).toContain(
          'MetricsQL the backend ran:\n        [instant at ts(60)] sum(increase(model_requests_total{namespace="<namespace>",model_version_id="<model_version_id>"}[60s]))',
        );
        expect(check.output).toMatch(/__golden__\/unreadable\.snap:\d+: not a golden entry: "<<<<<<< HEAD"/);
        expect(check.output).not.toMatch(/^\s+at .*golden-file\.ts/m);
        expect(project.golden("within")).toBe(countingGolden(2, { byStatus: false }));
        expect(project.golden("beyond")).toBe(countingGolden(2));
        expect(project.golden("unreadable")).toBe(countingGolden(2) + CONFLICT);
        // the answers it may not write are kept beside the golden, for review
        expect(check.output).toContain(
          "kept:    the new answer is in __golden__/.pending/beyond.snap (ignored by git), for review",
        );
        const candidates = parseGolden(project.candidates("beyond")!, "beyond");
        expect([...candidates.keys()].sort()).toEqual(["by_status", "volume"]);
        expect(JSON.parse(candidates.get("volume")!)).toEqual({
          data: { instant_model_metrics: { inference_volume: 5 } },
        });
        expect(project.candidates("within")).toBeUndefined();
        // the change is accepted by an update, which drops the candidates with it
        const update = await project.run({ update: true, env: changed, args: ["cases/beyond"] });
        expect(update.code).toBe(0);
        expect(project.golden("beyond")).toBe(countingGolden(5));
        expect(project.candidates("beyond")).toBeUndefined();
      },
    );

    workflowTest(
      "update-goldens writes the change beyond tolerance, never the one within it, and rewrites an unreadable file",
      cases,
      async (project) => {
        withGoldens(project);
        const update = await project.run({ update: true, env: changed });
        expect(update.code).toBe(0);
        expect(update.output).toContain(
          "goldens: 4 written, 0 unchanged, 1 kept within tolerance, 0 removed, 0 failed",
        );
        expect(project.golden("within")).toBe(countingGolden(2, { byStatus: false }));
        expect(project.golden("beyond")).toBe(countingGolden(5));
        expect(project.golden("unreadable")).toBe(countingGolden(2));
      },
    );

    workflowTest("an update filtered to one query rewrites that entry only", cases, async (project) => {
      withGoldens(project);
      const update = await project.run({
        update: true,
        env: changed,
        args: ["cases/beyond", "-t", "fixture beyond volume"],
      });
      expect(update.code).toBe(0);
      expect(project.golden("beyond")).toContain('"inference_volume": 5');
      expect(project.golden("beyond")).toContain('"status_2xx": 2'); // by_status did not run: its golden stays
    });
  });

  const tag = randomUUID();
  workflowTest(
    "in one update: cases written side by side, each file whole; mistakes fail alone and are never written",
    {
      a: countingCase("a"),
      b: countingCase("b"),
      c: countingCase("c"),
      // d also writes under a namespace and a model version derived from its own, which the runner cleans too
      d: countingCase("d").replace(
        "data({ counter }) {",
        `data({ counter }, ctx) {
    const derived = { namespace: ctx.namespace + "-neighbour", model_version_id: ctx.modelVersionId + "-elsewhere" };
    counter("model_requests_total", { ...derived, fixture_tag: process.env.FIXTURE_TAG ?? "" }).inc(ts(10));`,
      ),
      twin: countingCase("a"), // a copy of a, name and all
      broken: countingCase("broken").replace("ok.inc(ts(10 + i));", "ok.inc(ts(10 + i), -1);"),
      typo: countingCase("typo", { extraQueries: UNPARSABLE_QUERY })
        .replace("{ inference_volume }", "{ inference_volum }")
        .replace(/variables: \{ start: (ts\(0\), end: ts\(60\) \},)(?![\s\S]*variables:)/, "variables: { strat: $1"),
      oracle: countingCase("oracle", { extraQueries: FAILING_ORACLE_QUERY }),
      syntax: countingCase("syntax").replace(
        "variables: { start: ts(0), end: ts(60) },",
        "variables: { start: ts(0) end: ts(60) },",
      ),
      misspelt: countingCase("misspelt").replace("queries: {", "querys: {"),
      uncalled: "export const notACase = 1;\n",
    },
    async (project) => {
      const update = await project.run({
        update: true,
        env: { ...bump("b", 3), ...bump("c", 4), ...bump("d", 5), FIXTURE_TAG: tag },
      });
      expect(update.code).not.toBe(0);
      for (const [name, n] of [
        ["a", 2],
        ["b", 3],
        ["c", 4],
        ["d", 5],
      ] as const)
        expect(project.golden(name)).toBe(countingGolden(n));

      // a data() that throws names the case and the series
      expect(update.output).toMatch(
        /case "fixture broken" \(cases\/broken\.case\.ts\): data\(\) failed at cases\/broken\.case\.ts:10:\d+: .*model_requests_total/,
      );
      // once, by the first query; the other points at it (and no "Cause:" repeats it)
      expect(update.output.match(/CaseDataError:/g)).toHaveLength(1);
      expect(update.output).toContain(
        'case "fixture broken" did not run: its preparation failed, as the first of its queries above shows',
      );
      expect(update.output).not.toContain("Cause:");
      // a request the API refuses before running it (a misspelt field or variable) is a typo, never a golden
      expect(update.output).toContain(
        "cases/typo.case.ts: queries.volume: the API refused the request before running it (check the query and its variables):",
      );
      expect(update.output).toMatch(
        /Cannot query field "inference_volum" on type "InstantModelMetrics"\.[^\n]* \(cases\/typo\.case\.ts:\d+:\d+\)/,
      );
      expect(update.output).toMatch(
        /cases\/typo\.case\.ts: queries\.unparsable: [^\n]*Syntax Error: [^\n]* \(cases\/typo\.case\.ts:\d+:\d+\)/,
      );
      // a variable the query does not declare would be dropped by the API without a word
      expect(update.output).toContain(
        "cases/typo.case.ts: queries.by_status.variables: the query does not declare $strat (it declares $model_version_id, $start, $end), so the API would ignore it.",
      );
      // a case file that does not parse never runs (jest only transpiles, but syntax errors still count)
      expect(update.output).toMatch(/cases\/syntax\.case\.ts[\s\S]*Expected "}" but found "end"/);
      // an oracle's failure keeps the golden comparison's context around jest's own message
      expect(update.output).toMatch(
        /case "fixture oracle" \(cases\/oracle\.case\.ts\), query "checked": the oracle \(check\) failed at cases\/oracle\.case\.ts:\d+:\d+, before the comparison with __golden__\/oracle\.snap/,
      );
      expect(update.output).toMatch(
        /Expected: 0\n\s*Received: 2\n\s*rerun: {3}npm test -- cases\/oracle\.case\.ts -t '\^fixture oracle checked\$'/,
      );
      expect(update.output).toMatch(
        /rerun: [^\n]*oracle checked[^\n]*\n\s*MetricsQL the backend ran:\n\s*\[instant at ts\(60\)\] sum\(increase\(model_requests_total/,
      );
      expect(project.golden("oracle")).not.toContain("checked");
      // a case module whose goldenCase() refuses its definition, or that calls none, fails alone
      expect(update.output).toContain(
        'cases/misspelt.case.ts: goldenCase({...}) has no "querys"; it takes name, scrape, namespaceSuffix, data, queries',
      );
      expect(update.output).toContain(
        "cases/uncalled.case.ts calls no goldenCase(): a case module's default export is",
      );
      for (const name of ["broken", "typo", "syntax", "misspelt", "uncalled"])
        expect(project.golden(name)).toBeUndefined();

      // two case modules of one name are flagged (jest would run them under one test name)
      expect(update.output).toContain('case modules share a name ("fixture a": cases/a.case.ts, cases/twin.case.ts).');

      // on a server it does not own, the suite deletes the series it wrote, even when the case failed
      await runVm().flush();
      expect(await runVm().series([`{fixture_tag="${tag}"}`])).toEqual([]);
    },
  );

  workflowTest(
    "obsolete entries and files are reported by npm test, fail CI, and are removed by a full update-goldens",
    { a: countingCase("a"), b: countingCase("b") },
    async (project) => {
      project.writeGolden("a", countingGolden(2) + "\nexports[`gone`] = `\n{}\n`;\n");
      project.writeGolden("b", countingGolden(9));
      const deletedCase = "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`q`] = `\n{}\n`;\n";
      project.writeGolden("deleted-case", deletedCase);

      const local = await project.run({ ci: false, args: ["cases/a"] });
      expect(local.code).toBe(0);
      // a run of some case modules shows no coverage table, and says why
      expect(local.output).toContain(
        "coverage of the metrics surface: not shown, as this run ran 1 of 2 case modules; a run of every case module shows it",
      );
      expect(local.output).toContain(
        "obsolete goldens (no query produces them; `npm run update-goldens` removes them):",
      );
      expect(local.output).toContain("  __golden__/a.snap: gone");
      expect(local.output).toContain("  __golden__/deleted-case.snap (whole file)");
      // CI fails on them, as jest --ci fails on obsolete snapshots: a dead golden must not stay green forever
      const ci = await project.run();
      expect(ci.code).not.toBe(0);
      expect(ci.output).toContain(
        "obsolete goldens in a CI run: remove them with `npm run update-goldens` and commit the result.",
      );
      // Sharded, the same run decides nothing in its shards, and the merge of their records says the same.
      for (const shard of ["1/2", "2/2"]) {
        const part = await project.run({ args: [`--shard=${shard}`] });
        expect(part.output).toContain(`shard ${shard.replace("/", " of ")}: its record is .golden-shards/shard-`);
        expect(part.output).not.toContain("obsolete goldens in a CI run");
        expect(part.output).not.toContain("coverage of the metrics surface:");
      }
      const merged = mergeShards(project.dir);
      const obsoleteLines = (text: string) => text.split("\n").filter((line) => /^ {2}__golden__\//.test(line));
      expect(obsoleteLines(merged.text)).toEqual(obsoleteLines(ci.output));
      expect(obsoleteLines(merged.text)).toEqual([
        "  __golden__/a.snap: gone",
        "  __golden__/deleted-case.snap (whole file)",
      ]);
      expect(merged.text).toContain("goldens: 0 written, 2 unchanged, 0 kept within tolerance, 0 removed, 2 failed");
      expect(merged.text).toContain("obsolete goldens in a CI run: remove them with `npm run update-goldens`");
      // the coverage of the whole run, from both shards' facts and the schema a shard asked the target for
      expect(merged.text).toContain(
        "coverage of the metrics surface: 6 of 44 schema fields and 3 of 14 arguments are queried (2 case modules, 4 queries)",
      );
      expect(merged.code).toBe(1);
      // (Which command the message names, by what is obsolete: golden-summary.test.ts.)

      // a filtered update removes obsolete entries of the cases that ran, never a whole file, never another case's golden
      const filtered = await project.run({ update: true, args: ["cases/a"] });
      expect(filtered.code).toBe(0);
      expect(project.golden("a")).toBe(countingGolden(2));
      expect(project.golden("deleted-case")).toBe(deletedCase);
      expect(project.golden("b")).toBe(countingGolden(9));

      const full = await project.run({ update: true });
      expect(full.code).toBe(0);
      expect(full.output).toContain("removed __golden__/deleted-case.snap: no case module produces it");
      expect(project.golden("deleted-case")).toBeUndefined();
      expect(project.golden("b")).toBe(countingGolden(2));
    },
  );
});

describe("a backend that fails", () => {
  /** A stand-in VictoriaMetrics: the real one, except that every query about the model answers 503. */
  async function outage(): Promise<{ url: string; close(): void }> {
    const vm = runContext().vm.endpoints.select;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        const body = Buffer.concat(chunks);
        const path = new URL(request.url!, vm).pathname;
        if (/^\/api\/v1\/(query|query_range|series)$/.test(path) && `${request.url}${body}`.includes("model_")) {
          response.writeHead(503, { "content-type": "text/plain" });
          return response.end("stand-in outage");
        }
        const method = request.method!;
        fetch(`${vm}${request.url}`, {
          method,
          body: method === "GET" ? undefined : body,
          headers: { "content-type": request.headers["content-type"] ?? "text/plain" },
        })
          .then(async (answer) => {
            response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
            response.end(Buffer.from(await answer.arrayBuffer()));
          })
          .catch(() => response.destroy());
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
  }

  workflowTest(
    "an outage is never a golden: update-goldens leaves every file byte for byte and fails, and npm test writes no new one",
    { a: countingCase("a"), fresh: countingCase("fresh") },
    async (project) => {
      project.writeGolden("a", countingGolden(2));
      const proxy = await outage();
      try {
        const update = await project.run({ update: true, env: { VM_URL: proxy.url } });
        expect(update.code).not.toBe(0);
        expect(update.output).toContain(
          'case "fixture a" (cases/a.case.ts), query "volume": the backend failed, so there is nothing to compare',
        );
        expect(update.output).toContain("UPSTREAM_UNAVAILABLE: ");
        expect(update.output).toContain(
          "goldens: 0 written, 0 unchanged, 0 kept within tolerance, 0 removed, 4 failed",
        );
        expect(project.golden("a")).toBe(countingGolden(2));
        expect(project.golden("fresh")).toBeUndefined();

        const local = await project.run({ ci: false, env: { VM_URL: proxy.url }, args: ["cases/fresh"] });
        expect(local.code).not.toBe(0);
        expect(project.golden("fresh")).toBeUndefined();
      } finally {
        proxy.close();
      }
    },
  );
});

describe("the suite's own VictoriaMetrics dying mid-run", () => {
  // data() kills the child run's own server (not its reaper), as the OOM killer would
  const killer = countingCase("killer").replace(
    "data({ counter }) {",
    `data({ counter }) {
    const port = new URL(JSON.parse(process.env.GOLDEN_RUN!).vm.endpoints.select).port;
    require("node:child_process").execSync(\`pkill -9 -f "^\\\\S*victoria-metrics -storageDataPath=.* -httpListenAddr=127.0.0.1:\${port} "\`);`,
  );
  workflowTest(
    "is named, with how it exited and its last log lines, once, instead of a connection refused in every case",
    { killer, after: countingCase("after") },
    async (project) => {
      const run = await project.run({ update: true, args: ["--runInBand"], env: { VM_URL: "" } });
      expect(run.code).not.toBe(0);
      expect(run.output).toContain(
        "the suite's VictoriaMetrics exited during the run (signal SIGKILL), so this case and the ones after it fail.",
      );
      expect(run.output.split("Its last log lines:\n").length).toBe(2);
      expect(run.output).toContain("Its last log lines are in the first failure of this run.");
      expect(run.output).not.toContain("ECONNREFUSED");
      expect(project.golden("killer")).toBeUndefined();
      expect(project.golden("after")).toBeUndefined();
    },
  );
});

describe("the target", () => {
  workflowTest(
    "GOLDEN_TARGET names a module whose set-up runs once per run and supplies another backend's URL and per-namespace auth",
    { a: countingCase("a"), b: countingCase("b") },
    async (project) => {
      const target = join(project.dir, "my-backend.ts");
      const log = `${target}.log`;
      rmSync(log, { force: true });
      writeFileSync(
        target,
        `import { appendFileSync } from "node:fs";
import { createMetricsApi } from "${resolve(__dirname, "../api/server")}";
import type { CreateTarget } from "${resolve(__dirname, "..")}";

export const createTarget: CreateTarget = async ({ vm }) => {
  appendFileSync(${JSON.stringify(log)}, "set-up\\n");
  const api = await createMetricsApi({ vm });
  return {
    url: api.url,
    headersFor(namespace) {
      appendFileSync(${JSON.stringify(log)}, namespace + "\\n");
      api.keys.add("team-key-" + namespace, namespace);
      return { authorization: "Bearer team-key-" + namespace };
    },
    close: () => api.close(),
  };
};
`,
      );
      const update = await project.run({ update: true, env: { GOLDEN_TARGET: target } });
      expect(update.code).toBe(0);
      const [setUp, ...namespaces] = readFileSync(log, "utf8").trim().split("\n");
      expect(setUp).toBe("set-up");
      // one per case module, and one for the coverage's introspection of the target's schema, at the end
      expect(namespaces).toEqual([
        expect.stringMatching(/^golden-[0-9a-f]{8}-/),
        expect.stringMatching(/^golden-[0-9a-f]{8}-/),
        expect.stringMatching(/^golden-coverage-/),
      ]);
      expect(project.golden("a")).toBe(countingGolden(2));
      expect(update.output).toContain("coverage of the metrics surface: 6 of 44 schema fields and 3 of 14 arguments");
      expect(JSON.parse(readFileSync(join(project.dir, "__golden__/.coverage.json"), "utf8"))).toMatchObject({
        target: `GOLDEN_TARGET=${target}`,
      });
    },
  );

  workflowTest(
    "a GOLDEN_TARGET that cannot be used says what it must export",
    { a: countingCase("a") },
    async (project) => {
      const check = await project.run({ env: { GOLDEN_TARGET: "./nothing-here.ts" } });
      expect(check.code).not.toBe(0);
      expect(check.output).toContain("GOLDEN_TARGET=./nothing-here.ts: cannot load");
      expect(check.output).not.toMatch(/^\s+at .*target\.ts/m);
    },
  );
});
