import { basename } from "node:path";
import { CASE_SUFFIX, GOLDEN_SUFFIX } from "../golden/layout";
import { ReviewError } from "./review-error";

/**
 * Which candidates a command means: `<case module>` (all its queries) or `<case module>/<query>`,
 * matched whole, where `*` stands for any run of characters (`billing`, `billing/range`,
 * `*-latency/instant`, `*`). The case module is its file's name, as in `__golden__/<name>.snap`; a
 * case file's or golden file's path (`cases/billing.case.ts`, as failure messages print it) means
 * that module. The query is everything after the first `/`, so a query name may hold one.
 */
export interface Pattern {
  text: string;
  caseModule: RegExp;
  query: RegExp;
}

export const PATTERN_HELP =
  "a pattern is <case module> or <case module>/<query>, matched whole, with * for any run of characters " +
  "(e.g. billing, billing/range, '*-latency/instant', '*'); a case file's path (cases/billing.case.ts) means its module";

const glob = (text: string) => new RegExp(`^${text.split("*").map(escapeRegExp).join(".*")}$`, "s");
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function parsePattern(text: string): Pattern {
  const file = [CASE_SUFFIX, GOLDEN_SUFFIX].find((suffix) => text.endsWith(suffix));
  if (file && basename(text) !== file) return { text, caseModule: glob(basename(text, file)), query: /^/ };
  const slash = text.indexOf("/");
  const [caseModule, query] = slash < 0 ? [text, undefined] : [text.slice(0, slash), text.slice(slash + 1)];
  if (caseModule.trim() === "" || query?.trim() === "") {
    throw new ReviewError(`review-goldens: ${JSON.stringify(text)} is not a pattern: ${PATTERN_HELP}.`);
  }
  return { text, caseModule: glob(caseModule), query: query === undefined ? /^/ : glob(query) };
}

export const matches = (pattern: Pattern, item: { caseModule: string; query: string }) =>
  pattern.caseModule.test(item.caseModule) && pattern.query.test(item.query);

/** The items each pattern matches; a pattern that matches none is a mistake, named with what there is. */
export function select<T extends { id: string; caseModule: string; query: string }>(
  items: T[],
  patterns: Pattern[],
): T[] {
  for (const pattern of patterns) {
    if (items.some((item) => matches(pattern, item))) continue;
    const listed = items.slice(0, 12).map((item) => `  ${item.id}`);
    if (items.length > listed.length) listed.push(`  ... and ${items.length - listed.length} more`);
    const hint = pattern.text.includes("*")
      ? ""
      : ` (matched whole: ${JSON.stringify(`*${pattern.text}*`)} matches within names)`;
    throw new ReviewError(
      `review-goldens: the pattern ${JSON.stringify(pattern.text)} matches no candidate${hint}. The candidates:\n${listed.join("\n")}`,
    );
  }
  return items.filter((item) => patterns.some((pattern) => matches(pattern, item)));
}
