import { createScriptTransformer, type ScriptTransformer } from "@jest/transform";
import type { Config } from "@jest/types";
import TestRunner, {
  type Test,
  type TestEvents,
  type TestRunnerContext,
  type TestRunnerOptions,
  type TestWatcher,
  type UnsubscribeFn,
} from "jest-runner";
import { join } from "node:path";
import type * as CaseFileRun from "./case-file-run";
import type * as CaseLoading from "./case-loading";
import { CASE_SUFFIX, fromRoot, projectRootOf } from "../golden/layout";
import { asUserError } from "../user-error";
import { CaseDefinitionError } from "./case-definition";

/**
 * Cases run at once in this process. They wait on VictoriaMetrics and the target, which have
 * cores of their own: on 2 cores, 100 generated cases took 0.77 of the time with 8 at a time
 * that they took one by one (bin/bench-suite, medians of 3 runs); 16 gained nothing clear.
 */
const CASES_AT_ONCE = 8;

/** The transform options jest loads global setup with: the transform's store already holds what they share. */
const AS_GLOBAL_SETUP = {
  instrument: false,
  supportsDynamicImport: false,
  supportsExportNamespaceFrom: false,
  supportsStaticESM: false,
  supportsTopLevelAwait: false,
};

type Listener = (args: never) => unknown;

/**
 * jest's runner for this project (`runner` in jest.config.js). Case modules run here, in jest's
 * own process, all in one module registry: the runner, the series builders and the HTTP client
 * are loaded once per run, not once per case file, and cases that wait on the backend wait side
 * by side. Every other test file goes to jest's own runner (workers, a fresh registry each), at
 * the same time. Results reach jest's reporters as any test file's do.
 */
export default class CaseRunner {
  readonly supportsEventEmitters = true;
  readonly isSerial = false;
  private readonly others: TestRunner;
  private readonly listeners = new Map<string, Set<Listener>>();
  private loading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly globalConfig: Config.GlobalConfig,
    context: TestRunnerContext,
  ) {
    this.others = new TestRunner(globalConfig, context);
  }

  on<Name extends keyof TestEvents>(
    name: Name,
    listener: (eventData: TestEvents[Name]) => void | Promise<void>,
  ): UnsubscribeFn {
    const own = this.listeners.get(name) ?? new Set<Listener>();
    this.listeners.set(name, own.add(listener as Listener));
    const offOthers = this.others.on(name, listener);
    return () => {
      own.delete(listener as Listener);
      offOthers();
    };
  }

  async runTests(tests: Test[], watcher: TestWatcher, options: TestRunnerOptions): Promise<void> {
    const cases = tests.filter((t) => isCaseModule(t.path));
    const others = tests.filter((t) => !isCaseModule(t.path));
    const settled = await Promise.allSettled([
      others.length > 0 ? this.others.runTests(others, watcher, options) : undefined,
      cases.length > 0 ? this.runCases(cases, watcher) : undefined,
    ]);
    for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
  }

  private async emit<Name extends keyof TestEvents>(name: Name, eventData: TestEvents[Name]): Promise<void> {
    for (const listener of this.listeners.get(name) ?? [])
      await (listener as (data: TestEvents[Name]) => unknown)(eventData);
  }

  private async runCases(tests: Test[], watcher: TestWatcher): Promise<void> {
    const config = tests[0]!.context.config;
    const transformer = await createScriptTransformer(config);
    if (this.globalConfig.watch || this.globalConfig.watchAll) forgetProjectModules(config.rootDir);
    // The runner's own modules load through jest's transform, as the case modules do, so that a
    // watch run's reload gives both the same copies.
    const load = <T>(path: string) =>
      transformer.requireAndTranspileModule<T>(path, undefined, {
        ...AS_GLOBAL_SETUP,
        applyInteropRequireDefault: false,
      });
    const { runCaseFile } = await load<typeof CaseFileRun>(join(__dirname, "case-file-run.ts"));
    const { loadCase } = await load<typeof CaseLoading>(join(__dirname, "case-loading.ts"));
    // Oracles use jest's expect, which only jest's own test runner makes a global.
    (globalThis as { expect?: unknown }).expect ??= (await import("expect")).expect;

    const runOne = async (test: Test) => {
      await this.emit("test-file-start", [test]);
      try {
        const definition = await this.serially(() => loadCase(test.path, () => load(test.path)));
        if (!definition) {
          const file = fromRoot(projectRootOf(test.path), test.path);
          throw new CaseDefinitionError(
            `${file} calls no goldenCase(): a case module's default export is goldenCase({ name, data, queries }) (npm run new-case -- <name> writes one to start from).`,
          );
        }
        const result = await runCaseFile(definition, test.path, {
          config: test.context.config,
          globalConfig: this.globalConfig,
          onQuery: (result) => this.emit("test-case-result", [test.path, result]),
        });
        await this.emit("test-file-success", [test, result]);
      } catch (err) {
        const error = asUserError(err);
        const { message, stack } =
          error instanceof Error ? error : { message: String(error), stack: `thrown: ${String(error)}` };
        await this.emit("test-file-failure", [test, { message, stack }]);
      }
    };
    const queue = [...tests];
    const lane = async () => {
      for (let test = queue.shift(); test && !watcher.isInterrupted(); test = queue.shift()) await runOne(test);
    };
    await Promise.all(Array.from({ length: Math.min(CASES_AT_ONCE, queue.length) }, lane));
  }

  /**
   * Loads one module at a time: jest's transform hooks require() for the length of one load, and
   * two loads at once would undo each other's hooks.
   */
  private serially<T>(load: () => Promise<T>): Promise<T> {
    const loaded = this.loading.then(load);
    this.loading = loaded.catch(() => {});
    return loaded;
  }
}

/** `cases/<name>.case.ts` (the case API). */
const isCaseModule = (path: string) => path.endsWith(CASE_SUFFIX);

/** Drops the project's own modules (not node_modules) from require's cache, so that a watch run loads what was saved. */
function forgetProjectModules(rootDir: string): void {
  const own = (path: string) => path.startsWith(rootDir + "/") && !path.includes("/node_modules/");
  for (const path of Object.keys(require.cache)) if (own(path)) delete require.cache[path];
}
