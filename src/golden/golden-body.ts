import type { Json } from "./json";

/** Wide enough that one data point of the API's answers fits one line, so a diff shows each moved point. */
export const GOLDEN_PRINT_WIDTH = 120;

/**
 * A golden body: JSON laid out by prettier, compact objects on one line where they fit.
 * prettier is loaded here, on the first write, never by a run that only compares: goldens are
 * compared as values. (Its main entry loads plugins by dynamic import, which jest cannot run
 * without --experimental-vm-modules; the standalone build with explicit plugins works everywhere.)
 */
export async function formatGolden(value: Json): Promise<string> {
  const [{ format }, babel, estree] = await Promise.all([
    import("prettier/standalone"),
    import("prettier/plugins/babel"),
    import("prettier/plugins/estree"),
  ]);
  const text = await format(JSON.stringify(value), {
    parser: "json",
    plugins: [babel, estree],
    printWidth: GOLDEN_PRINT_WIDTH,
  });
  return text.trimEnd();
}
