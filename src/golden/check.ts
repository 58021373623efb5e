import { formatGolden } from "./format";
import type { GoldenFile } from "./golden-file";
import type { Json } from "./json";
import { differences, type Difference, snapToGolden, type ToleranceRules } from "./tolerance";
import type { UpdateMode } from "./update-mode";

export type GoldenStatus =
  | "unchanged" // the answer is the golden, exactly
  | "kept-within-tolerance" // it differs only within tolerance: the golden's values were kept
  | "written" // there was no golden; one was written
  | "updated" // it differed; the golden was rewritten (update mode)
  | "missing" // there is no golden and this run may not write one
  | "mismatch" // it differs beyond tolerance
  | "error"; // no comparison: the query, its oracle or the case's data failed first

export interface GoldenOutcome {
  status: GoldenStatus;
  /** For "mismatch" and "updated": each path that moved. */
  differences: Difference[];
  /** The golden as it was, parsed; undefined when there was none or it is not JSON. */
  golden?: Json;
}

/**
 * Compares one normalized answer with its golden entry and, as the mode allows, writes it.
 * Values within tolerance are snapped to the golden's first, so they never change a file.
 */
export async function checkGolden(
  file: GoldenFile,
  key: string,
  actual: Json,
  rules: ToleranceRules | undefined,
  mode: UpdateMode,
): Promise<GoldenOutcome> {
  const goldenBody = file.get(key);
  if (goldenBody === undefined) {
    if (mode === "none") return { status: "missing", differences: [] };
    file.set(key, await formatGolden(actual));
    return { status: "written", differences: [] };
  }
  const golden = parseBody(goldenBody);
  const snapped = snapToGolden(actual, golden, rules);
  const body = await formatGolden(snapped);
  if (body === goldenBody) {
    const kept = JSON.stringify(snapped) !== JSON.stringify(actual);
    return { status: kept ? "kept-within-tolerance" : "unchanged", differences: [] };
  }
  const found = golden === undefined ? [{ path: "", golden: goldenBody, actual }] : differences(snapped, golden, rules);
  if (mode === "all") {
    file.set(key, body);
    return { status: "updated", differences: found, golden };
  }
  return { status: "mismatch", differences: found, golden };
}

/** A hand-edited golden may not be JSON any more; then the whole body differs. */
function parseBody(body: string): Json | undefined {
  try {
    return JSON.parse(body) as Json;
  } catch {
    return undefined;
  }
}
