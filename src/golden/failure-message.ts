import { enclosingTimestamp, type Json, parentPath } from "./json";
import { caseNameOf } from "./layout";
import { allowedDifference, describeTolerance, type Difference, type Tolerance } from "./tolerance";

/** Where a failure happened and how to get back to it. */
export interface FailureContext {
  caseName: string;
  /** Relative to the project root, e.g. cases/inference-volume.case.ts. */
  caseFile: string;
  queryName: string;
  /** Relative to the project root, e.g. __golden__/inference-volume.snap. */
  goldenFile: string;
  /** Relative to the project root: where the answer the run may not write is kept, e.g. __golden__/.pending/inference-volume.snap. */
  candidateFile?: string;
  /** The MetricsQL the backend ran for this query, each with its window, when the target reports it. */
  metricsql?: string[];
}

/** A value as JSON, cut short: a whole answer on one line helps nobody; the golden file has it all. */
function show(v: Json | undefined): string {
  if (v === undefined) return "(absent)";
  const text = JSON.stringify(v);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
const MAX_LISTED = 20;

function toleranceText(tolerance: Tolerance | undefined, golden: Json | undefined): string {
  if (!tolerance) return "exact";
  const allowed = typeof golden === "number" ? allowedDifference(tolerance, golden) : 0;
  return `${describeTolerance(tolerance)} (allows ±${Number(allowed.toPrecision(6))})`;
}

function describeDifference(d: Difference): string {
  if (d.difference === undefined) return "";
  const sign = d.difference > 0 ? "+" : "";
  const rel =
    typeof d.golden === "number" && d.golden !== 0
      ? ` (${sign}${Number(((d.difference / Math.abs(d.golden)) * 100).toPrecision(3))}%)`
      : "";
  return `  difference ${sign}${Number(d.difference.toPrecision(12))}${rel}`;
}

/** The point a path belongs to: its parent's enclosing point, so a whole point added or removed gets no time. */
function pointTime(path: string, actual: Json | undefined, golden: Json | undefined): string {
  const parent = parentPath(path);
  const t = enclosingTimestamp(golden, parent) ?? enclosingTimestamp(actual, parent);
  return t === undefined ? "" : ` at ${t}`;
}

/** jest's -t takes a regular expression: a case named "p99 (e2e)" must match itself, and only itself. */
const testNamePattern = (ctx: FailureContext) =>
  `^${`${ctx.caseName} ${ctx.queryName}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
const shellQuoted = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/** The review-goldens pattern of one query: `<case module>/<query>`, quoted for a shell when it needs to be. */
const reviewPattern = (ctx: FailureContext) => {
  const pattern = `${caseNameOf(ctx.caseFile)}/${ctx.queryName}`;
  return /^[\w./-]+$/.test(pattern) ? pattern : shellQuoted(pattern);
};

/** `labels` are padded by the caller, so that the lines of one message align. */
const kept = (ctx: FailureContext, labels: { kept: string; review: string }) =>
  ctx.candidateFile
    ? `${labels.kept}the new answer is in ${ctx.candidateFile} (ignored by git), for review\n` +
      `${labels.review}npm run review-goldens -- ${reviewPattern(ctx)}   (the change, its chart; accept or reject it)\n`
    : "";

const rerunOnly = (ctx: FailureContext) =>
  `rerun:   npm test -- ${ctx.caseFile} -t ${shellQuoted(testNamePattern(ctx))}`;

const rerun = (ctx: FailureContext) =>
  `${rerunOnly(ctx)}\n` +
  kept(ctx, { kept: "kept:    ", review: "review:  " }) +
  `accept:  npm run update-goldens -- ${ctx.caseFile}   (then review the golden diff)`;

const metricsql = (ctx: FailureContext) =>
  ctx.metricsql?.length ? `\nMetricsQL the backend ran:\n${ctx.metricsql.map((q) => `  ${q}`).join("\n")}` : "";

const title = (ctx: FailureContext) => `case "${ctx.caseName}" (${ctx.caseFile}), query "${ctx.queryName}": `;
const indented = (text: string) => text.replace(/^(?=.)/gm, "  ");

/**
 * Each differing path on a line of its own, indented: its point's `ts(N)`, both values, the
 * difference and the tolerance. `actualName` is what the new answer is called (a review calls it
 * the candidate); past `max` paths, a line says how many more.
 */
export function differenceLines(
  found: Difference[],
  actual: Json,
  golden: Json | undefined,
  options: { actualName?: string; max?: number } = {},
): string[] {
  const { actualName = "actual", max = MAX_LISTED } = options;
  const lines = found
    .slice(0, max)
    .map(
      (d) =>
        `  ${d.path || "(whole answer)"}${pointTime(d.path, actual, golden)}: golden ${show(d.golden)}, ${actualName} ${show(d.actual)}` +
        `${describeDifference(d)}  tolerance ${toleranceText(d.tolerance, d.golden)}`,
    );
  if (found.length > max) lines.push(`  ... and ${found.length - max} more`);
  return lines;
}

/** A failure a reviewer can act on: each differing path with both values, the difference and the tolerance. */
export function mismatchMessage(
  ctx: FailureContext,
  found: Difference[],
  actual: Json,
  golden: Json | undefined,
): string {
  const lines = differenceLines(found, actual, golden);
  const summary = found.length
    ? `${found.length} value(s) differ from ${ctx.goldenFile}`
    : `the answer's values match ${ctx.goldenFile} but its layout does not (a hand-edited golden?)`;
  return `${title(ctx)}${summary}\n${lines.join("\n")}${lines.length ? "\n" : ""}${rerun(ctx)}${metricsql(ctx)}`;
}

export function missingMessage(ctx: FailureContext): string {
  return (
    `${title(ctx)}no golden in ${ctx.goldenFile}, ` +
    `and CI runs never write one.\n` +
    kept(ctx, { kept: "kept:      ", review: "review:    " }) +
    `create it: npm run update-goldens -- ${ctx.caseFile}   (then review and commit ${ctx.goldenFile})`
  );
}

/** An answer whose errors say the backend failed (`errors`: "CODE: message"): there is nothing to compare. */
export function backendFailureMessage(ctx: FailureContext, errors: string[]): string {
  return (
    `${title(ctx)}the backend failed, so there is nothing to compare and nothing is written (a failure is never a golden):\n` +
    `${errors.map((e) => `  ${e}`).join("\n")}\nCheck the backend and its VictoriaMetrics, then run again.${metricsql(ctx)}`
  );
}

/**
 * An oracle's failure (jest's expect message, `oracle`) inside the context of the comparison it
 * stopped: which case, query and golden, how to rerun it, what the backend ran. `at` is where in
 * the case file it failed (` at cases/x.case.ts:12:5`), or empty; `errors`, the answer's errors,
 * which are then the likelier news. No "accept" line: the oracle fails in every mode.
 */
export function oracleMessage(ctx: FailureContext, oracle: string, at: string, errors?: string[]): string {
  const refused = `before the comparison with ${ctx.goldenFile} (nothing is written: no mode accepts what the oracle refuses)`;
  const head = errors?.length
    ? `the oracle (check) failed on an answer with errors, ${refused}\n${errors.map((e) => `  ${e}`).join("\n")}\noracle:\n`
    : `the oracle (check) failed${at}, ${refused}\n`;
  return `${title(ctx)}${head}${indented(oracle)}\n${rerunOnly(ctx)}${metricsql(ctx)}`;
}
