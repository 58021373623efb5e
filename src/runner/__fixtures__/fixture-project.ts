import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { suiteVmEndpoints } from "../../vm/suite-vm";

const ROOT = resolve(__dirname, "../../..");

/**
 * A throwaway project with its own cases/ and __golden__/, run by a child jest with this
 * project's runner, against this run's VictoriaMetrics (as an external server: the child
 * starts none and deletes the series it wrote).
 */
export class FixtureProject {
  readonly dir = mkdtempSync(join(tmpdir(), "golden-fixture-"));

  constructor(cases: Record<string, string>) {
    mkdirSync(join(this.dir, "cases"));
    writeFileSync(
      join(this.dir, "jest.config.js"),
      `module.exports = ${JSON.stringify({
        rootDir: this.dir,
        testEnvironment: "node",
        testMatch: ["<rootDir>/cases/*.case.ts"],
        transform: { "^.+\\.ts$": [require.resolve("ts-jest"), { diagnostics: false, tsconfig: join(ROOT, "tsconfig.json") }] },
        modulePathIgnorePatterns: ["<rootDir>/__golden__/"],
        globalSetup: join(ROOT, "src/runner/global-setup.ts"),
        globalTeardown: join(ROOT, "src/runner/global-teardown.ts"),
      })};\n`,
    );
    for (const [name, source] of Object.entries(cases)) this.writeCase(name, source);
  }

  writeCase(name: string, source: string): void {
    writeFileSync(join(this.dir, "cases", `${name}.case.ts`), source.replaceAll("@suite", join(ROOT, "src")));
  }

  goldenPath(name: string): string {
    return join(this.dir, "__golden__", `${name}.snap`);
  }

  golden(name: string): string | undefined {
    const path = this.goldenPath(name);
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  }

  writeGolden(name: string, text: string): void {
    mkdirSync(join(this.dir, "__golden__"), { recursive: true });
    writeFileSync(this.goldenPath(name), text);
  }

  /** `npm test` (CI=true unless `ci: false`), or `npm run update-goldens` with `update: true`. */
  run(options: { update?: boolean; ci?: boolean; args?: string[]; env?: Record<string, string> } = {}): { code: number; output: string } {
    const args = [join(ROOT, "node_modules/jest/bin/jest.js"), "--config", join(this.dir, "jest.config.js")];
    if (options.update) args.push("--ci=false", "-u");
    args.push(...(options.args ?? []));
    const env: NodeJS.ProcessEnv = { ...process.env, VM_URL: suiteVmEndpoints().select, ...options.env };
    delete env.GOLDEN_VM_ENDPOINTS;
    delete env.GOLDEN_RUN_DIR;
    if (options.update || options.ci === false) delete env.CI;
    else env.CI = "true";
    const child = spawnSync(process.execPath, args, { cwd: this.dir, env, encoding: "utf8", timeout: 120_000 });
    return { code: child.status ?? -1, output: `${child.stdout}${child.stderr}` };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A case whose instant request count is FIXTURE_REQUESTS_<NAME> (default 2), with an abs tolerance of 1 on it. */
export function countingCase(name: string, extraQueries = ""): string {
  const variable = `FIXTURE_REQUESTS_${name.toUpperCase()}`;
  return `
import { goldenCase, ts } from "@suite";

const requests = Number(process.env.${variable} ?? 2);

export default goldenCase({
  name: "fixture ${name}",
  data({ counter }) {
    const ok = counter("model_requests_total", { fixture_tag: process.env.FIXTURE_TAG ?? "" }).labels({ status: "200" });
    for (let i = 0; i < requests; i++) ok.inc(ts(10 + i));
  },
  queries: {
    volume: {
      query: \`query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) { inference_volume }
      }\`,
      variables: { start: ts(0), end: ts(60) },
      tolerance: { "instant_model_metrics.inference_volume": { abs: 1 } },
    },
    by_status: {
      query: \`query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        instant_model_metrics(model_version_id: $model_version_id, start: $start, end: $end) {
          inference_volume_by_status { status_2xx status_4xx status_5xx }
        }
      }\`,
      variables: { start: ts(0), end: ts(60) },
    },${extraQueries}
  },
});
`;
}
