// prettier's main entry loads plugins by dynamic import, which jest cannot run without
// --experimental-vm-modules; the standalone build with explicit plugins works everywhere.
import { format } from "prettier/standalone";
import * as babel from "prettier/plugins/babel";
import * as estree from "prettier/plugins/estree";
import type { Json } from "./json";

/** Wide enough that one data point of the API's answers fits one line, so a diff shows each moved point. */
export const GOLDEN_PRINT_WIDTH = 120;

/** A golden body: JSON laid out by prettier, compact objects on one line where they fit. */
export async function formatGolden(value: Json): Promise<string> {
  const text = await format(JSON.stringify(value), { parser: "json", plugins: [babel, estree], printWidth: GOLDEN_PRINT_WIDTH });
  return text.trimEnd();
}
