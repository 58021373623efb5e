import type { Config } from "@jest/types";
import TestRunner, {
  type Test,
  type TestEvents,
  type TestRunnerContext,
  type TestRunnerOptions,
  type TestWatcher,
  type UnsubscribeFn,
} from "jest-runner";
import { CASE_SUFFIX, casesDirOf } from "../golden/layout";
import { CaseProcess } from "./case-process";

/**
 * Cases run at once in the case process. They wait on VictoriaMetrics and the target, which have
 * cores of their own: on 2 cores, 100 generated cases took 0.77 of the time with 8 at a time
 * that they took one by one (bin/bench-suite, medians of 3 runs); 16 gained nothing clear.
 */
const CASES_AT_ONCE = 8;

type Listener = (args: never) => unknown;

/**
 * jest's runner for this project (`runner` in jest.config.js). Case modules run in one process
 * of their own (case-process.ts), side by side, all in one module registry: the runner, the
 * series builders and the HTTP client load once per run, not once per case file, and cases that
 * wait on the backend wait together. Every other test file goes to jest's own runner (its
 * workers, a fresh registry each), at the same time. jest's reporters get each case module's
 * result as a test file's: a test per query.
 */
export default class CaseRunner {
  readonly supportsEventEmitters = true;
  readonly isSerial = false;
  private readonly others: TestRunner;
  private readonly listeners = new Map<string, Set<Listener>>();

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
    const { context } = tests[0]!;
    const cases = new CaseProcess({ config: context.config, globalConfig: this.globalConfig });
    const runOne = async (test: Test) => {
      await this.emit("test-file-start", [test]);
      const outcome = await cases.run(test.path, (result) => this.emit("test-case-result", [test.path, result]));
      if ("result" in outcome) await this.emit("test-file-success", [test, outcome.result]);
      else await this.emit("test-file-failure", [test, outcome.error]);
    };
    const queue = [...tests];
    let stopped = false;
    const lane = async () => {
      try {
        for (let test = queue.shift(); test && !stopped && !watcher.isInterrupted(); test = queue.shift()) {
          await runOne(test);
        }
      } catch (err) {
        stopped = true; // a reporter failed: no more cases
        throw err;
      }
    };
    // --runInBand and --maxWorkers=1 mean one case at a time here too.
    const lanes = this.globalConfig.maxWorkers <= 1 ? 1 : CASES_AT_ONCE;
    try {
      await Promise.all(Array.from({ length: Math.min(lanes, queue.length) }, lane));
    } finally {
      await cases.end();
    }
    // An error nothing awaited that no running case owned fails the run as a file of its own:
    // the case module its stack names, or the cases folder.
    for (const { error, path } of cases.strays) {
      const where = path ? "after this case had ended" : "when no case was running";
      const message = `an error nothing awaited was raised in the case process ${where}:\n${error.stack ?? error.message}`;
      await this.emit("test-file-failure", [
        { context, path: path ?? casesDirOf(context.config.rootDir) },
        { message, stack: message },
      ]);
    }
  }
}

/** `cases/<name>.case.ts` (the case API). */
const isCaseModule = (path: string) => path.endsWith(CASE_SUFFIX);
