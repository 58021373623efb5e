import type { AssertionResult, SerializableError, TestResult } from "@jest/test-result";
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { asUserError, UserError } from "../user-error";
import { plainError } from "./plain-error";
import type { CaseProcessInit, FromCaseProcess, ToCaseProcess } from "./case-process-serve";

const ENTRY = join(__dirname, "case-process-entry.js");
/** How long the case process has to exit once told to, before it is killed. */
const END_GRACE_MS = 2000;
/** The output lines kept to show with a case process that exits mid-run. */
const TAIL_LINES = 20;

type Outcome = { result: TestResult } | { error: SerializableError };

interface Pending {
  onQuery(result: AssertionResult): Promise<void>;
  settle(outcome: Outcome): void;
}

/** An error nothing awaited that no running case owned: where it points (a case module that had ended), if anywhere. */
export interface Stray {
  error: SerializableError;
  path?: string;
}

/** The case process died, or could not start, while cases ran: they fail with how, and its last output. */
export class CaseProcessExitError extends UserError {
  override name = "CaseProcessExitError";
}

const asFailure = (error: Error): { error: SerializableError } => ({ error: plainError(asUserError(error)) });

/**
 * jest's side of the case process: one child process (case-process-entry.js) in which case
 * modules run, side by side, in one module registry. A child of its own, not jest's process: a
 * case that crashes it (process.exit, an abort) fails the cases it was running and the next
 * case gets a new process; work a timed-out step left behind is ended with it; a process that
 * sends nothing for longer than two steps may take (a synchronous loop) is killed; and what
 * cases print stays off jest's stdout (`--json`), on stderr, unless `--silent`.
 */
export class CaseProcess {
  private child?: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly tail: string[] = [];
  private lastHeard = 0;
  private watchdog?: NodeJS.Timeout;
  /** Why the process could not start: every run after says so, and none starts it again. */
  private broken?: CaseProcessExitError;
  private ended = false;
  /** Errors nothing awaited that no running case owned. */
  readonly strays: Stray[] = [];

  constructor(private readonly init: CaseProcessInit) {}

  /** The process running now, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Runs one case module: its result, or the error that kept it from running (a load that failed, a crash). */
  run(path: string, onQuery: Pending["onQuery"]): Promise<Outcome> {
    if (this.broken) return Promise.resolve(asFailure(this.broken));
    if (this.ended) return Promise.resolve(asFailure(new CaseProcessExitError("the run ended before this case ran")));
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise((settle) => {
      this.pending.set(id, { onQuery, settle });
      this.send(child, { type: "run", id, path }, () => this.settle(id, this.exitError(child)));
    });
  }

  /** Ends the process: it exits (running its exit handlers), or is killed if it has not within the grace. */
  async end(): Promise<void> {
    this.ended = true;
    clearInterval(this.watchdog);
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    this.send(child, { type: "end" }, () => child.kill("SIGKILL"));
    const timer = setTimeout(() => child.kill("SIGKILL"), END_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  private start(): ChildProcess {
    const child = fork(ENTRY, [], {
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      // As jest's workers: colours in messages when jest's own output has them.
      env: process.stderr.isTTY && !process.env.FORCE_COLOR ? { ...process.env, FORCE_COLOR: "1" } : process.env,
    });
    this.child = child;
    let ready = false;
    const show = (chunk: Buffer) => {
      if (!this.init.globalConfig.silent) process.stderr.write(chunk);
      this.tail.push(...chunk.toString().split("\n").filter(Boolean));
      this.tail.splice(0, Math.max(0, this.tail.length - TAIL_LINES));
    };
    child.stdout!.on("data", show);
    child.stderr!.on("data", show);
    child.on("message", (message: FromCaseProcess) => {
      this.lastHeard = Date.now();
      if (message.type === "ready") ready = true;
      else this.receive(message);
    });
    // A send to a process that has just died, or a fork that failed: the runs waiting fail, jest goes on.
    child.on("error", () => this.failPending(this.exitError(child)));
    const gone = () => {
      if (this.child === child) this.child = undefined;
    };
    child.once("disconnect", gone);
    child.once("exit", () => {
      gone();
      if (!ready && !this.ended) this.broken = this.exitError(child, "could not start");
      this.failPending(this.broken ?? this.exitError(child));
    });
    this.lastHeard = Date.now();
    this.watchdog ??= this.watch();
    this.send(child, this.init, () => this.failPending(this.exitError(child)));
    return child;
  }

  /**
   * Kills a process that has sent nothing, while cases wait on it, for longer than two steps may
   * take (a preparation and a query, each bound by testTimeout): a synchronous loop, which no
   * step's timeout can interrupt.
   */
  private watch(): NodeJS.Timeout {
    const silence = 2 * (this.init.globalConfig.testTimeout ?? 5000) + 5000;
    const timer = setInterval(() => {
      const child = this.child;
      if (!child || this.pending.size === 0 || Date.now() - this.lastHeard < silence) return;
      this.failPending(
        new CaseProcessExitError(
          `the case process sent nothing for ${silence / 1000} s while this case ran (a synchronous loop in a case?), so it was killed`,
        ),
      );
      child.kill("SIGKILL");
    }, 1000);
    timer.unref();
    return timer;
  }

  private send(child: ChildProcess, message: ToCaseProcess | CaseProcessInit, failed: () => void): void {
    if (!child.connected) return failed();
    child.send(message, (err) => err && failed());
  }

  private receive(message: Exclude<FromCaseProcess, { type: "ready" }>): void {
    if (message.type === "stray") {
      this.strays.push({ error: message.error, path: message.path });
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === "query") void pending.onQuery(message.result);
    else this.settle(message.id, message.type === "done" ? { result: message.result } : { error: message.error });
  }

  private settle(id: number, outcome: Outcome | Error): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.settle(outcome instanceof Error ? asFailure(outcome) : outcome);
  }

  private exitError(child: ChildProcess, what = "exited"): CaseProcessExitError {
    const how = child.signalCode ?? (child.exitCode === null ? "its channel closed" : `exit code ${child.exitCode}`);
    const when = what === "exited" ? " while this case ran" : "";
    const output = this.tail.length > 0 ? `; its last output:\n${this.tail.join("\n")}` : "";
    return new CaseProcessExitError(`the case process ${what} (${how})${when}${output}`);
  }

  private failPending(error: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id, error);
  }
}
