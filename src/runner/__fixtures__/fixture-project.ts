import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { acceptedGapsPathOf } from "../../coverage/accepted-gaps";
import { CONTRACT_SCHEMA_FIELDS } from "../../coverage/contract-schema";
import { candidatePathFor } from "../../golden/layout";
import { runContext } from "../../run/context";
import { TARGET_ENV } from "../target";
import { PARENT_TARGET_ENV } from "./parent-target";

const ROOT = resolve(__dirname, "../../..");
const PARENT_TARGET_MODULE = join(__dirname, "parent-target.ts");

export interface FixtureRun {
  code: number;
  output: string;
}

/** Child runs at once: one per core of the machines this runs on (2), each in its own directory. */
const SLOTS = 2;
const freeSlots = Array.from({ length: SLOTS }, (_, i) => i);
const waitingForSlot: Array<(slot: number) => void> = [];
const slotDir = (slot: number) => join(tmpdir(), `golden-fixture-${process.pid}-${slot}`);

/**
 * A throwaway project with its own cases/ and __golden__/, run by a child jest with this
 * project's runner, against this run's VictoriaMetrics (as an external server: the child starts
 * none and deletes the series it wrote) and this run's reference API (parent-target.ts).
 * Projects live in a few directories, laid anew by each `FixtureProject.with`: the same path
 * keeps jest's transform cache warm from one child run to the next (it is keyed by the project's
 * root; the runner's own files come from the transform's store, ts-transform.js). `release`
 * frees the directory.
 */
export class FixtureProject {
  private constructor(
    readonly dir: string,
    private readonly slot: number,
  ) {}

  /** The project with exactly these case modules, no goldens, and `config` merged into its jest config. */
  static async with(cases: Record<string, string>, config: Record<string, unknown> = {}): Promise<FixtureProject> {
    const slot = freeSlots.pop() ?? (await new Promise<number>((take) => waitingForSlot.push(take)));
    const dir = slotDir(slot);
    for (const sub of ["cases", "__golden__"]) rmSync(join(dir, sub), { recursive: true, force: true });
    mkdirSync(join(dir, "cases"), { recursive: true });
    writeFileSync(
      join(dir, "jest.config.js"),
      `module.exports = ${JSON.stringify({
        rootDir: dir,
        testEnvironment: "node",
        testMatch: ["<rootDir>/cases/*.case.ts"],
        transform: {
          "^.+\\.ts$": [join(ROOT, "src/runner/ts-transform.js"), { tsconfig: join(ROOT, "tsconfig.json") }],
        },
        modulePathIgnorePatterns: ["<rootDir>/__golden__/"],
        runner: join(ROOT, "src/runner/case-runner.ts"),
        globalSetup: join(ROOT, "src/runner/global-setup.ts"),
        globalTeardown: join(ROOT, "src/runner/global-teardown.ts"),
        ...config,
      })};\n`,
    );
    const project = new FixtureProject(dir, slot);
    for (const [name, source] of Object.entries(cases)) project.writeCase(name, source);
    project.acceptGaps(CONTRACT_SCHEMA_FIELDS);
    return project;
  }

  /** Every directory projects used; call when no project is in use any more. */
  static removeAll(): void {
    for (let slot = 0; slot < SLOTS; slot++) rmSync(slotDir(slot), { recursive: true, force: true });
  }

  /** Hands the directory to the next project. */
  release(): void {
    const next = waitingForSlot.shift();
    if (next) next(this.slot);
    else freeSlots.push(this.slot);
  }

  writeCase(name: string, source: string): void {
    writeFileSync(join(this.dir, "cases", `${name}.case.ts`), source.replaceAll("@suite", join(ROOT, "src")));
  }

  /**
   * Writes cases/accepted-gaps.txt accepting these schema fields. A project starts with every
   * field of the contract accepted: its few cases test the golden workflow, not the coverage (the
   * lines for fields they do query are reported as stale, which fails nothing).
   */
  acceptGaps(fields: readonly string[]): void {
    writeFileSync(acceptedGapsPathOf(this.dir), fields.map((f) => `${f}: a fixture project\n`).join(""));
  }

  goldenPath(name: string): string {
    return join(this.dir, "__golden__", `${name}.snap`);
  }

  golden(name: string): string | undefined {
    const path = this.goldenPath(name);
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  }

  /** The candidates a run kept for the case module `name` (__golden__/.pending/<name>.snap), if any. */
  candidates(name: string): string | undefined {
    const path = candidatePathFor(this.goldenPath(name));
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  }

  writeGolden(name: string, text: string): void {
    mkdirSync(join(this.dir, "__golden__"), { recursive: true });
    writeFileSync(this.goldenPath(name), text);
  }

  /** `npm test` (CI=true unless `ci: false`), or `npm run update-goldens` with `update: true`. */
  run(
    options: { update?: boolean; ci?: boolean; args?: string[]; env?: Record<string, string> } = {},
  ): Promise<FixtureRun> {
    const args = [join(ROOT, "node_modules/jest/bin/jest.js"), "--config", join(this.dir, "jest.config.js")];
    if (options.update) args.push("--ci=false", "-u");
    args.push(...(options.args ?? []));
    const parent = runContext();
    const env: NodeJS.ProcessEnv = { ...process.env, VM_URL: parent.vm.endpoints.select, ...options.env };
    // On this run's VictoriaMetrics, and with no target of its own, the child asks this run's API.
    if (env.VM_URL === parent.vm.endpoints.select && env[TARGET_ENV] === undefined) {
      env[TARGET_ENV] = PARENT_TARGET_MODULE;
      env[PARENT_TARGET_ENV] = JSON.stringify(parent.target);
    }
    delete env.GOLDEN_RUN; // the child's global setup publishes its own
    if (options.update || options.ci === false) delete env.CI;
    else env.CI = "true";
    // Not spawnSync: a test may serve the child (a stand-in VictoriaMetrics) from this process.
    const child = spawn(process.execPath, args, { cwd: this.dir, env, timeout: 120_000 });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    return new Promise((done) => child.on("close", (code) => done({ code: code ?? -1, output })));
  }
}

const VOLUME_QUERY = `
    volume: {
      query: \`query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) { inference_volume }
      }\`,
      variables: { start: ts(0), end: ts(60) },
      tolerance: { "instant_model_metrics.inference_volume": { abs: 1 } },
    },`;
const BY_STATUS_QUERY = `
    by_status: {
      query: \`query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume_by_status { status_2xx status_4xx status_5xx }
        }
      }\`,
      variables: { start: ts(0), end: ts(60) },
    },`;

/**
 * A case whose instant request count is FIXTURE_REQUESTS_<NAME> (default 2): query `volume`, with
 * an abs tolerance of 1, and (unless `byStatus: false`) `by_status`, exact.
 */
export function countingCase(
  name: string,
  options: { byStatus?: boolean; extraQueries?: string; after?: string } = {},
): string {
  const variable = `FIXTURE_REQUESTS_${name.toUpperCase().replace(/-/g, "_")}`;
  return `
import { goldenCase, ts } from "@suite";

const requests = Number(process.env.${variable} ?? 2);

export default goldenCase({
  name: "fixture ${name}",
  data({ counter }) {
    const ok = counter("model_requests_total", { fixture_tag: process.env.FIXTURE_TAG ?? "" }).labels({ status: "200" });
    for (let i = 0; i < requests; i++) ok.inc(ts(10 + i));
  },
  queries: {${VOLUME_QUERY}${options.byStatus === false ? "" : BY_STATUS_QUERY}${options.extraQueries ?? ""}
  },
});
${options.after ?? ""}`;
}

/**
 * The golden file update-goldens writes for countingCase(name) with `requests` requests (the first
 * test checks it is). `volume`: another count in that entry (one its tolerance kept); `entries`:
 * more entries, whole, whose names sort between by_status and volume.
 */
export function countingGolden(
  requests = 2,
  options: { byStatus?: boolean; volume?: number; entries?: string } = {},
): string {
  const byStatus = [
    "exports[`by_status`] = `",
    "{",
    '  "data": {',
    `    "instant_model_metrics": { "inference_volume_by_status": { "status_2xx": ${requests}, "status_4xx": 0, "status_5xx": 0 } }`,
    "  }",
    "}",
    "`;",
    "",
    "",
  ].join("\n");
  const volume =
    "exports[`volume`] = `\n" +
    `{ "data": { "instant_model_metrics": { "inference_volume": ${options.volume ?? requests} } } }` +
    "\n`;\n";
  const entries = options.entries ? `${options.entries}\n\n` : "";
  return `// Jest Snapshot v1, https://goo.gl/fbAQLP\n\n${options.byStatus === false ? "" : byStatus}${entries}${volume}`;
}
