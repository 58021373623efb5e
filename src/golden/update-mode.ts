/**
 * What a run may write, in jest's own terms: "none" (check only), "new" (write missing goldens,
 * never change one), "all" (rewrite what differs, remove what is obsolete).
 */
export type UpdateMode = "none" | "new" | "all";

/** Whether this is a CI run (CI set, and not to "false" or "0"). */
export const isCi = (env: NodeJS.ProcessEnv = process.env) =>
  env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0";

/**
 * jest's mode (`--ci` gives "none", `-u` gives "all", else "new"), except that with CI=true
 * nothing is ever written, even by `npm run update-goldens`.
 */
export function updateMode(jestMode: string | undefined, env: NodeJS.ProcessEnv = process.env): UpdateMode {
  if (isCi(env)) return "none";
  return jestMode === "all" || jestMode === "none" ? jestMode : "new";
}
