import { readFileSync } from "node:fs";
import { join } from "node:path";
import { casesDirOf } from "../golden/layout";
import { UserError } from "../user-error";

export class AcceptedGapsError extends UserError {
  override name = "AcceptedGapsError";
}

/** Schema fields no case queries, accepted on purpose: one line each, with why, reviewed like code. */
export const ACCEPTED_GAPS_FILE = "accepted-gaps.txt";
export const acceptedGapsPathOf = (root: string) => join(casesDirOf(root), ACCEPTED_GAPS_FILE);

export interface AcceptedGap {
  /** A schema coordinate, `Type.field`. */
  field: string;
  reason: string;
  line: number;
}

const FORMAT =
  "one accepted gap a line, `<Type.field>: <why no case queries it>` " +
  "(e.g. `InstantModelMetrics.average_e2e_response_time: asked only by dashboards we do not ship`); " +
  "`#` starts a comment";
const LINE = /^([_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*)\s*:\s*(.*)$/;

/** The accepted gaps of a project; none when the file does not exist. A malformed line is refused. */
export function readAcceptedGaps(root: string): AcceptedGap[] {
  let text: string;
  try {
    text = readFileSync(acceptedGapsPathOf(root), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return parseAcceptedGaps(text, `cases/${ACCEPTED_GAPS_FILE}`);
}

export function parseAcceptedGaps(text: string, file: string): AcceptedGap[] {
  const gaps: AcceptedGap[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/#.*$/, "").trim();
    if (content === "") return;
    const m = LINE.exec(content);
    if (!m)
      throw new AcceptedGapsError(`${file}:${line}: ${JSON.stringify(content)} is not an accepted gap; ${FORMAT}.`);
    const [, field, reason] = m as unknown as [string, string, string];
    if (reason.trim() === "")
      throw new AcceptedGapsError(`${file}:${line}: ${field} has no reason; a reviewer needs to know why. ${FORMAT}.`);
    const twin = gaps.find((g) => g.field === field);
    if (twin)
      throw new AcceptedGapsError(`${file}:${line}: ${field} is already accepted at line ${twin.line}; keep one.`);
    gaps.push({ field, reason: reason.trim(), line });
  });
  return gaps;
}
