// How fast the case suite runs against its floor. In a scratch copy of the project it generates
// N case modules (src/runner/bench-suite-case.ts), writes their goldens, then times, in turns,
// `CI=true npm test -- cases/bench-` and the floor (bench-floor.js: the same samples imported and
// the same MetricsQL asked of the same victoria-metrics binary from plain Node), and a single
// case's `npm test -- <file>`: what a run costs before its cases, and so what each further case
// costs. Every figure is a whole process, warm (one untimed run first).
// Usage: bin/bench-suite [N=100] [--runs R=3] [--keep]
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as mql from "../api/metricsql";
import { createSeriesSet } from "../series";
import { acceptedGapsPathOf } from "../coverage/accepted-gaps";
import { CONTRACT_SCHEMA_FIELDS } from "../coverage/contract-schema";
import { findVmBinary } from "../vm/binary";
import type { VmClient } from "../vm/client";
import { median } from "../vm/median";
import { VM_FLAGS } from "../vm/server";
import { benchCaseSource, benchData, INSTANT, RANGE } from "./bench-suite-case";
import { machineLine, seconds, timed } from "./bench-timing";

const ROOT = resolve(__dirname, "../..");
const PROJECT_FILES = ["src", "bin", "package.json", "tsconfig.json", "jest.config.js", ".prettierrc.json"];
const PATTERN = "cases/bench-";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: "string", default: "3" }, keep: { type: "boolean", default: false } },
});
const cases = Number(positionals[0] ?? 100);
const runs = Number(values.runs);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: bin/bench-suite [N=100] [--runs R=3] [--keep]   (N and R whole numbers >= 1)");
  process.exit(2);
}

const caseFile = (i: number) => `cases/bench-${String(i).padStart(3, "0")}.case.ts`;

/**
 * A copy of the project to generate cases in, sharing the installed packages and .vm with this
 * checkout; node_modules/.cache (the type-check's record) is the copy's own.
 */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "bench-suite-"));
  for (const entry of PROJECT_FILES) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  for (const entry of readdirSync(join(ROOT, "node_modules")).filter((e) => e !== ".cache")) {
    symlinkSync(join(ROOT, "node_modules", entry), join(dir, "node_modules", entry));
  }
  symlinkSync(join(ROOT, ".vm"), join(dir, ".vm"));
  mkdirSync(join(dir, "cases"));
  for (let i = 1; i <= cases; i++) writeFileSync(join(dir, caseFile(i)), benchCaseSource(i));
  // The generated cases ask two fields; a CI run of every case module fails on the others unless accepted.
  writeFileSync(
    acceptedGapsPathOf(dir),
    CONTRACT_SCHEMA_FIELDS.map((field) => `${field}: the benchmark's generated cases\n`).join(""),
  );
  return dir;
}

/** What the floor sends for case i: the import body the builder makes, and each query's MetricsQL. */
async function floorCase(i: number) {
  const scope = { namespace: `floor-${i}`, modelVersionId: `mv-${i}` };
  const set = createSeriesSet({ commonLabels: { namespace: scope.namespace, model_version_id: scope.modelVersionId } });
  benchData(set, i);
  let body = "";
  const capture = {
    importJsonLines: async (lines: string[]) => void (body = lines.join("\n") + "\n"),
    importRemoteWrite: async () => {},
    flush: async () => {},
  } as unknown as VmClient;
  await set.ingest(capture);
  const at = (d: Date) => String(d.getTime() / 1000);
  const range = (query: string) => ({
    path: "/api/v1/query_range",
    params: { query, start: at(RANGE.start), end: at(RANGE.end), step: `${RANGE.step}s`, nocache: "1" },
  });
  const instant = (query: string) => ({
    path: "/api/v1/query",
    params: { query, time: at(INSTANT.end), nocache: "1" },
  });
  const w = (INSTANT.end.getTime() - INSTANT.start.getTime()) / 1000;
  return {
    body,
    requests: [
      [
        range(mql.inferenceVolumeByStatusClass(scope, RANGE.step, "per-minute")),
        range(mql.percentiles(mql.METRIC.inferenceDuration, scope, RANGE.step)),
      ],
      [
        instant(mql.inferenceVolume(scope, w, "count")),
        instant(mql.errorRate(scope, w)),
        instant(mql.percentiles(mql.METRIC.inferenceDuration, scope, w)),
      ],
    ],
  };
}

async function main(): Promise<void> {
  const binary = findVmBinary();
  const dir = scratchCopy();
  try {
    const planFile = join(dir, "floor-plan.json");
    const planCases = [];
    for (let i = 1; i <= cases; i++) planCases.push(await floorCase(i));
    writeFileSync(planFile, JSON.stringify({ binary: binary.path, flags: VM_FLAGS, cases: planCases }));

    console.log(`bench-suite: ${cases} generated case modules in ${dir}; ${runs} timed runs each, after one untimed`);
    console.log(machineLine());
    const write = timed("update-goldens", "npm", ["run", "update-goldens", "--", PATTERN], dir);
    console.log(
      `goldens written by npm run update-goldens -- ${PATTERN}: ${seconds(write.ms)} (cold type-check and jest cache)`,
    );

    const suite = () => timed("the suite", "npm", ["test", "--", PATTERN], dir, { CI: "true" }).ms;
    const oneCase = () => timed("one case", "npm", ["test", "--", caseFile(1)], dir).ms;
    const floor = () => {
      const { stdout } = timed("the floor", process.execPath, [join(__dirname, "bench-floor.js"), planFile], dir);
      return JSON.parse(stdout) as { startMs: number; workMs: number; totalMs: number };
    };
    suite();
    floor();
    oneCase();
    const suiteMs: number[] = [];
    const floorMs: Array<{ startMs: number; workMs: number; totalMs: number }> = [];
    const oneMs: number[] = [];
    for (let r = 0; r < runs; r++) {
      // Alternate which goes first, so that drift in the machine's speed falls on all.
      if (r % 2 === 0) {
        suiteMs.push(suite());
        floorMs.push(floor());
        oneMs.push(oneCase());
      } else {
        oneMs.push(oneCase());
        floorMs.push(floor());
        suiteMs.push(suite());
      }
      const ratio = suiteMs[r]! / floorMs[r]!.totalMs;
      console.log(
        `run ${r + 1}: suite ${seconds(suiteMs[r]!)}, floor ${seconds(floorMs[r]!.totalMs)} (server start ${floorMs[r]!.startMs.toFixed(0)} ms), ratio ${ratio.toFixed(2)}; one case ${seconds(oneMs[r]!)}`,
      );
    }
    const s = median(suiteMs);
    const f = median(floorMs.map((x) => x.totalMs));
    const work = median(floorMs.map((x) => x.workMs));
    const ratios = suiteMs.map((ms, r) => ms / floorMs[r]!.totalMs);
    console.log(
      `\nCI=true npm test -- ${PATTERN} (${cases} cases): median ${seconds(s)}, ${(s / cases).toFixed(1)} ms a case`,
    );
    console.log(
      `floor (same binary, same samples, same MetricsQL): median ${seconds(f)}, ${(f / cases).toFixed(1)} ms a case (${(work / cases).toFixed(1)} ms a case after the server is up)`,
    );
    console.log(
      `ratio suite / floor: median ${median(ratios).toFixed(2)} (per run: ${ratios.map((x) => x.toFixed(2)).join(", ")})`,
    );
    console.log(
      `one case, npm test -- ${caseFile(1)}: median ${seconds(median(oneMs))} (per run: ${oneMs.map(seconds).join(", ")})`,
    );
    // A run's fixed cost (the checks, jest's start, the global set-up and teardown) is what one
    // case's run costs; what the other cases add is the runner's own cost a case.
    if (cases > 1) {
      const perCase = median(suiteMs.map((ms, r) => (ms - oneMs[r]!) / (cases - 1)));
      const floorPerCase = work / cases;
      console.log(
        `each further case (suite - one case) / ${cases - 1}: median ${perCase.toFixed(1)} ms, ${(perCase / floorPerCase).toFixed(2)}x the floor's ${floorPerCase.toFixed(1)} ms a case once its server is up`,
      );
    }
  } finally {
    if (values.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
