import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import { suiteVm } from "../vm/suite-vm";
import { countingCase, FixtureProject } from "./__fixtures__/fixture-project";

// The golden workflow end to end: child jest runs of a throwaway project, checked by the files
// they leave and the messages they print. Each run is a real run: VictoriaMetrics, the reference API.
// Each test runs one to four child jest runs of a few seconds each.
const workflowTest = (name: string, body: () => unknown) => test(name, body as () => void, 120_000);

let project: FixtureProject;
afterEach(() => project?.remove());

const bump = (name: string, requests: number) => ({ [`FIXTURE_REQUESTS_${name.toUpperCase()}`]: String(requests) });

describe("the golden workflow", () => {
  workflowTest("update-goldens writes goldens; npm test then passes and changes no byte; a deleted golden comes back byte for byte", () => {
    project = new FixtureProject({ a: countingCase("a") });
    const update = project.run({ update: true });
    expect(update.code).toBe(0);
    expect(update.output).toContain("goldens: 2 written, 0 unchanged, 0 kept within tolerance, 0 removed, 0 failed");
    const written = project.golden("a")!;
    expect(written).toContain('exports[`volume`] = `\n{ "data": { "instant_model_metrics": { "inference_volume": 2 } } }\n`;');

    const check = project.run();
    expect(check.code).toBe(0);
    expect(check.output).toContain("goldens: 0 written, 2 unchanged");
    expect(project.golden("a")).toBe(written);

    rmSync(project.goldenPath("a"));
    expect(project.run({ update: true }).code).toBe(0);
    expect(project.golden("a")).toBe(written);
  });

  workflowTest("a change within tolerance passes and is never written, by npm test or by update-goldens", () => {
    project = new FixtureProject({ a: countingCase("a") });
    project.run({ update: true });
    const written = project.golden("a");

    // volume: 3 is within abs 1 of the golden's 2 (by_status, exact, would fail: not selected)
    const check = project.run({ env: bump("a", 3), args: ["-t", "fixture a volume"] });
    expect(check.code).toBe(0);
    expect(check.output).toContain("goldens: 0 written, 0 unchanged, 1 kept within tolerance");
    expect(project.golden("a")).toBe(written);
    const update = project.run({ update: true, env: bump("a", 3) });
    expect(update.code).toBe(0);
    expect(update.output).toContain("goldens: 1 written, 0 unchanged, 1 kept within tolerance");
    // by_status has no tolerance: its 3 is written; volume's 3 is within abs 1 of 2 and stays 2
    expect(project.golden("a")).toContain('"inference_volume": 2 }');
    expect(project.golden("a")).toContain('"status_2xx": 3');
    expect(project.golden("a")).not.toBe(written);
  });

  workflowTest("a change beyond tolerance fails with each path, both values, the difference, the tolerance and the rerun command", () => {
    project = new FixtureProject({ a: countingCase("a") });
    project.run({ update: true });
    const written = project.golden("a");

    const check = project.run({ env: bump("a", 5) });
    expect(check.code).not.toBe(0);
    expect(check.output).toContain('case "fixture a" (cases/a.case.ts), query "volume": 1 value(s) differ from __golden__/a.snap');
    expect(check.output).toContain("instant_model_metrics.inference_volume: golden 2, actual 5  difference +3 (+150%)  tolerance abs 1 (allows ±1)");
    expect(check.output).toContain("instant_model_metrics.inference_volume_by_status.status_2xx: golden 2, actual 5  difference +3 (+150%)  tolerance exact");
    expect(check.output).toContain("rerun:   npm test -- cases/a.case.ts -t '^fixture a volume$'");
    expect(check.output).toContain("MetricsQL the backend ran:");
    expect(project.golden("a")).toBe(written);

    // outside CI, npm test still never changes an existing golden
    expect(project.run({ ci: false, env: bump("a", 5) }).code).not.toBe(0);
    expect(project.golden("a")).toBe(written);

    expect(project.run({ update: true, env: bump("a", 5) }).code).toBe(0);
    expect(project.golden("a")).toBe(written!.replaceAll('"inference_volume": 2', '"inference_volume": 5').replaceAll('"status_2xx": 2', '"status_2xx": 5'));
  });

  workflowTest("an update filtered to one query rewrites that entry only", () => {
    project = new FixtureProject({ a: countingCase("a") });
    project.run({ update: true });
    const update = project.run({ update: true, env: bump("a", 5), args: ["-t", "fixture a volume"] });
    expect(update.code).toBe(0);
    expect(project.golden("a")).toContain('"inference_volume": 5');
    expect(project.golden("a")).toContain('"status_2xx": 2'); // by_status did not run: its golden stays
  });

  workflowTest("a request the API refuses before running it (a misspelt field or variable) is a typo, never a golden", () => {
    project = new FixtureProject({
      a: countingCase("a")
        .replace("{ inference_volume }", "{ inference_volum }")
        // the last query's variables (by_status)
        .replace(/variables: \{ start: (ts\(0\), end: ts\(60\) \},)(?![\s\S]*variables:)/, "variables: { strat: $1"),
    });
    const update = project.run({ update: true });
    expect(update.code).not.toBe(0);
    expect(update.output).toContain("cases/a.case.ts: queries.volume: the API refused the request before running it (check the query and its variables):");
    expect(update.output).toContain('Cannot query field "inference_volum"');
    expect(update.output).toContain("cases/a.case.ts: queries.by_status: the API refused the request before running it");
    expect(update.output).toMatch(/Variable "\$start" of required type "DateTime!" was not provided/);
    expect(project.golden("a")).toBeUndefined();
  });

  workflowTest("an unreadable golden fails with its file and line, and update-goldens rewrites it", () => {
    project = new FixtureProject({ a: countingCase("a") });
    project.run({ update: true });
    const written = project.golden("a")!;
    project.writeGolden("a", written + "<<<<<<< HEAD\n");
    const check = project.run();
    expect(check.code).not.toBe(0);
    expect(check.output).toMatch(/__golden__\/a\.snap:\d+: not a golden entry: "<<<<<<< HEAD"/);
    expect(check.output).not.toMatch(/^\s+at .*golden-file\.ts/m);
    expect(project.run({ update: true }).code).toBe(0);
    expect(project.golden("a")).toBe(written);
  });

  workflowTest("on a server it does not own, the suite deletes the series it wrote, even when the case fails", async () => {
    project = new FixtureProject({ a: countingCase("a"), b: countingCase("b").replace("{ inference_volume }", "{ inference_volum }") });
    const tag = randomUUID();
    project.run({ update: true, env: { FIXTURE_TAG: tag } });
    await suiteVm().flush();
    expect(await suiteVm().series([`{fixture_tag="${tag}"}`])).toEqual([]);
  });

  workflowTest("CI never writes: a missing golden fails with the command that creates it", () => {
    project = new FixtureProject({ a: countingCase("a") });
    const check = project.run();
    expect(check.code).not.toBe(0);
    expect(check.output).toContain('case "fixture a" (cases/a.case.ts), query "volume": no golden in __golden__/a.snap, and CI runs never write one.');
    expect(check.output).toContain("create it: npm run update-goldens -- cases/a.case.ts");
    expect(project.golden("a")).toBeUndefined();
    // with CI=true even update-goldens writes nothing
    expect(project.run({ args: ["--ci=false", "-u"] }).code).not.toBe(0);
    expect(project.golden("a")).toBeUndefined();
  });

  workflowTest("obsolete entries and files are reported by npm test and removed by a full update-goldens", () => {
    project = new FixtureProject({ a: countingCase("a"), b: countingCase("b") });
    project.run({ update: true });
    const b = project.golden("b")!;
    project.writeGolden("a", project.golden("a")! + "\nexports[`gone`] = `\n{}\n`;\n");
    project.writeGolden("deleted-case", "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`q`] = `\n{}\n`;\n");

    const local = project.run({ ci: false });
    expect(local.code).toBe(0);
    expect(local.output).toContain("obsolete goldens (no query produces them; `npm run update-goldens` removes them):");
    expect(local.output).toContain("  __golden__/a.snap: gone");
    expect(local.output).toContain("  __golden__/deleted-case.snap (whole file)");
    // CI fails on them, as jest --ci fails on obsolete snapshots: a dead golden must not stay green forever
    const ci = project.run();
    expect(ci.code).not.toBe(0);
    expect(ci.output).toContain("obsolete goldens in a CI run: remove them with `npm run update-goldens` and commit the result.");
    rmSync(project.goldenPath("deleted-case"));
    expect(project.run().output).toContain("remove them with `npm run update-goldens -- cases/a.case.ts` and commit the result.");
    project.writeGolden("deleted-case", "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`q`] = `\n{}\n`;\n");

    // a filtered update removes obsolete entries of the cases that ran, never a whole file, never another case's golden
    project.writeGolden("b", b.replace('"status_2xx": 2', '"status_2xx": 9'));
    const filtered = project.run({ update: true, args: ["cases/a"] });
    expect(filtered.code).toBe(0);
    expect(project.golden("a")).not.toContain("gone");
    expect(project.golden("deleted-case")).toBeDefined();
    expect(project.golden("b")).toBe(b.replace('"status_2xx": 2', '"status_2xx": 9'));

    const full = project.run({ update: true });
    expect(full.code).toBe(0);
    expect(full.output).toContain("removed __golden__/deleted-case.snap: no case module produces it");
    expect(project.golden("deleted-case")).toBeUndefined();
    expect(project.golden("b")).toBe(b);
  });

  workflowTest("two workers write the goldens of different cases at once, each file whole", () => {
    project = new FixtureProject({ a: countingCase("a"), b: countingCase("b"), c: countingCase("c"), d: countingCase("d") });
    const update = project.run({ update: true, args: ["--maxWorkers=2"], env: { ...bump("b", 3), ...bump("c", 4), ...bump("d", 5) } });
    expect(update.code).toBe(0);
    for (const [name, n] of [["a", 2], ["b", 3], ["c", 4], ["d", 5]] as const) {
      expect(project.golden(name)).toContain(`{ "data": { "instant_model_metrics": { "inference_volume": ${n} } } }`);
    }
  });

  workflowTest("a case whose data() throws fails alone, with the case's name and the series in the error", () => {
    project = new FixtureProject({
      a: countingCase("a"),
      broken: countingCase("broken").replace("ok.inc(ts(10 + i));", "ok.inc(ts(10 + i), -1);"),
    });
    const update = project.run({ update: true });
    expect(update.code).not.toBe(0);
    expect(update.output).toMatch(/case "fixture broken" \(cases\/broken\.case\.ts\): data\(\) failed: .*model_requests_total/);
    expect(project.golden("a")).toBeDefined();
    expect(project.golden("broken")).toBeUndefined();
  });
});

describe("the target", () => {
  workflowTest("GOLDEN_TARGET names a module that supplies another backend's URL and per-namespace auth", () => {
    project = new FixtureProject({ a: countingCase("a") });
    const target = join(project.dir, "my-backend.ts");
    writeFileSync(
      target,
      `import { writeFileSync } from "node:fs";
import { createMetricsApi } from "${resolve(__dirname, "../api/server")}";
import type { CreateTarget } from "${resolve(__dirname, "..")}";

export const createTarget: CreateTarget = async ({ vm }) => {
  const api = await createMetricsApi({ vm });
  return {
    url: api.url,
    headersFor(namespace) {
      writeFileSync(${JSON.stringify(target + ".used")}, namespace);
      api.keys.add("team-key-" + namespace, namespace);
      return { authorization: "Bearer team-key-" + namespace };
    },
    close: () => api.close(),
  };
};
`,
    );
    const update = project.run({ update: true, env: { GOLDEN_TARGET: target } });
    expect(update.code).toBe(0);
    expect(readFileSync(target + ".used", "utf8")).toMatch(/^golden-/);
    expect(project.golden("a")).toContain('"inference_volume": 2');
  });

  workflowTest("a GOLDEN_TARGET that cannot be used says what it must export", () => {
    project = new FixtureProject({ a: countingCase("a") });
    const check = project.run({ env: { GOLDEN_TARGET: "./nothing-here.ts" } });
    expect(check.code).not.toBe(0);
    expect(check.output).toContain("GOLDEN_TARGET=./nothing-here.ts: cannot load");
    expect(check.output).not.toMatch(/^\s+at .*target\.ts/m);
  });
});
