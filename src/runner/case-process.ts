import type { AssertionResult, SerializableError, TestResult } from "@jest/test-result";
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { UserError } from "../user-error";
import type { CaseProcessInit, FromCaseProcess, ToCaseProcess } from "./case-process-serve";

const ENTRY = join(__dirname, "case-process-entry.js");
/** How long the case process has to exit once told to, before it is killed. */
const END_GRACE_MS = 2000;
/** The output lines kept to show with a case process that exits mid-run. */
const TAIL_LINES = 20;

interface Pending {
  onQuery(result: AssertionResult): Promise<void>;
  settle(outcome: { result: TestResult } | { error: SerializableError }): void;
}

/** The case process died while this case ran: the file fails with how, and its last output. */
export class CaseProcessExitError extends UserError {
  override name = "CaseProcessExitError";
}

/**
 * jest's side of the case process: one child process (case-process-entry.js) in which case
 * modules run, side by side, in one module registry. A child of its own, not jest's process: a
 * case that crashes it (process.exit, an abort) fails the cases it was running and the next
 * case gets a new process; work a timed-out step left behind is ended with it; and what cases
 * print stays off jest's stdout (`--json`), on stderr, unless `--silent`.
 */
export class CaseProcess {
  private child?: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly tail: string[] = [];
  /** Errors nothing awaited, raised when no case was running. */
  readonly strays: SerializableError[] = [];

  constructor(private readonly init: CaseProcessInit) {}

  /** The process running now, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Runs one case module: its result, or the error that kept it from running (a load that failed). */
  run(path: string, onQuery: Pending["onQuery"]): Promise<{ result: TestResult } | { error: SerializableError }> {
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise((settle) => {
      this.pending.set(id, { onQuery, settle });
      child.send({ type: "run", id, path } satisfies ToCaseProcess);
    });
  }

  /** Ends the process: exit, run its exit handlers, and be killed if it has not within the grace. */
  async end(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.send({ type: "end" } satisfies ToCaseProcess);
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
    const show = (chunk: Buffer) => {
      if (!this.init.globalConfig.silent) process.stderr.write(chunk);
      this.tail.push(...chunk.toString().split("\n").filter(Boolean));
      this.tail.splice(0, Math.max(0, this.tail.length - TAIL_LINES));
    };
    child.stdout!.on("data", show);
    child.stderr!.on("data", show);
    child.on("message", (message: FromCaseProcess) => this.receive(message));
    child.once("exit", (code, signal) => {
      if (this.child === child) this.child = undefined;
      this.failPending(`the case process exited (${signal ?? `exit code ${code}`}) while this case ran`);
    });
    child.send(this.init);
    return child;
  }

  private receive(message: FromCaseProcess): void {
    if (message.type === "stray") {
      this.strays.push(message.error);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === "query") {
      void pending.onQuery(message.result);
      return;
    }
    this.pending.delete(message.id);
    pending.settle(message.type === "done" ? { result: message.result } : { error: message.error });
  }

  private failPending(why: string): void {
    const output = this.tail.length > 0 ? `; its last output:\n${this.tail.join("\n")}` : "";
    const error = new CaseProcessExitError(`${why}${output}`);
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.settle({ error: { message: error.message, stack: `${error.name}: ${error.message}` } });
    }
  }
}
