import type { AssertionResult, SerializableError, TestResult } from "@jest/test-result";
import type { Config } from "@jest/types";
import { expect } from "expect";
import { fromRoot, projectRootOf } from "../golden/layout";
import { asUserError, UserError } from "../user-error";
import { type CaseDefinition, CaseDefinitionError } from "./case-definition";
import { failFile, runCaseFile } from "./case-file-run";
import { plainError, stackOf } from "./plain-error";
import { loadCase } from "./case-loading";

/** What the case process is started with: the project's jest config. */
export interface CaseProcessInit {
  config: Config.ProjectConfig;
  globalConfig: Config.GlobalConfig;
}

/** jest's side to the case process. */
export type ToCaseProcess = { type: "run"; id: number; path: string } | { type: "end" };

/** The case process to jest's side. */
export type FromCaseProcess =
  | { type: "ready" }
  | { type: "query"; id: number; result: AssertionResult }
  | { type: "done"; id: number; result: TestResult }
  | { type: "failed"; id: number; error: SerializableError }
  /** an error nothing awaited that no running case owned; `path`: the ended case module its stack names */
  | { type: "stray"; error: SerializableError; path?: string };

/** An error nothing awaited, raised while a case ran: it fails the case's file. */
class StrayError extends Error {
  override name = "StrayError";
}

/**
 * The case process's loop (case-process-entry.js loads it): runs each case module it is sent,
 * as many at once as it is sent, all in this one module registry, and answers with jest's result
 * for it. Ends when told to, or with its parent.
 */
export function serve({ config, globalConfig }: CaseProcessInit): Promise<never> {
  const sending = new Set<Promise<void>>();
  const send = (message: FromCaseProcess) => {
    const sent = new Promise<void>((done) => process.send!(message, undefined, undefined, () => done()));
    sending.add(sent);
    void sent.then(() => sending.delete(sent));
  };
  const loaded = new Set<string>();
  const running = new Map<number, { path: string; stray: unknown[] }>();

  // An error nothing awaited (a rejected promise no oracle awaited, a throw in a timer) belongs
  // to the running case whose file its stack names; one that names a case that has ended, or
  // none while no case runs, fails the run on its own; one that names none, every case running.
  const onStray = (error: unknown) => {
    const stack = stackOf(error);
    const named = [...loaded].find((path) => stack.includes(path));
    const all = [...running.values()];
    const owners = named === undefined ? all : all.filter((r) => r.path === named);
    if (owners.length === 0) return send({ type: "stray", error: plainError(error), path: named });
    const shared = owners.length > 1 ? `, beside ${owners.length - 1} other case(s) running then` : "";
    const stray = new StrayError(`an error nothing awaited was raised while this case ran${shared}`);
    stray.stack = `${stray.name}: ${stray.message}:\n${stack}`;
    for (const owner of owners) owner.stray.push(stray);
  };
  process.on("unhandledRejection", onStray);
  process.on("uncaughtException", onStray);
  (globalThis as { expect?: unknown }).expect = oracleExpect();

  const run = async (id: number, path: string) => {
    const state = { path, stray: [] as unknown[] };
    running.set(id, state);
    try {
      loaded.add(path);
      const definition = load(path);
      const result = await runCaseFile(definition, path, {
        config,
        globalConfig,
        onQuery: async (result) => send({ type: "query", id, result }),
      });
      send({ type: "done", id, result: failFile(result, state.stray, config, globalConfig) });
    } catch (err) {
      send({ type: "failed", id, error: plainError(asUserError(err)) });
    } finally {
      running.delete(id);
    }
  };
  process.on("message", (message: ToCaseProcess) => {
    if (message.type === "run") return void run(message.id, message.path);
    // Once what was sent has gone: exit() runs the exit handlers, and ends what a timed-out step left behind.
    void Promise.all(sending).then(() => process.exit(0));
  });
  send({ type: "ready" });
  return new Promise<never>(() => {});
}

function load(path: string): CaseDefinition {
  // A case module another one imported is in the cache, and would not call goldenCase() again.
  delete require.cache[path];
  const definition = loadCase(path, () => require(path));
  if (definition) return definition;
  throw new CaseDefinitionError(
    `${fromRoot(projectRootOf(path), path)} calls no goldenCase(): a case module's default export is goldenCase({ name, data, queries }) (npm run new-case -- <name> writes one to start from).`,
  );
}

/**
 * jest's expect, for oracles, without what means nothing outside a jest test: an oracle runs
 * once per query, and counting its assertions (expect.assertions) would count every case's.
 */
function oracleExpect(): typeof expect {
  const refuse = (name: string) => () => {
    throw new UserError(
      `expect.${name}() has no meaning in a case's oracle (check): it runs once per query, beside other cases; check the values it needs directly.`,
    );
  };
  return Object.assign(expect, { assertions: refuse("assertions"), hasAssertions: refuse("hasAssertions") });
}
