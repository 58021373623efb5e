import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { CASE_SUFFIX, casesDirOf } from "../golden/layout";
import { caseTemplate } from "./case-template";
import { UserError } from "../user-error";

/** A case name is the file name, and the golden's: lower-case words of letters and digits, joined by "-". */
export const CASE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export class NewCaseError extends UserError {
  override name = "NewCaseError";
}

/** A near kebab-case spelling of what was typed, to suggest. */
const kebab = (text: string) =>
  text
    .replace(/\.case\.ts$|\.ts$/, "")
    .replace(/^.*\//, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[-0-9]+|-+$/g, "");

export function checkCaseName(name: string | undefined): string {
  const allowed =
    'lower-case letters, digits and single "-" between words, starting with a letter (e.g. "error-rate", "e2e-latency")';
  if (name === undefined || name.trim() === "")
    throw new NewCaseError(`usage: npm run new-case -- <name>\nA name is ${allowed}.`);
  if (!CASE_NAME.test(name)) {
    const suggestion = kebab(name);
    throw new NewCaseError(
      `"${name}" is not a case name: a name is ${allowed}. It names cases/<name>${CASE_SUFFIX} and __golden__/<name>.snap.` +
        (suggestion && CASE_NAME.test(suggestion) ? `\nDid you mean: npm run new-case -- ${suggestion}` : ""),
    );
  }
  return name;
}

/** Writes cases/<name>.case.ts from the template; never over an existing file. Returns its path. */
export function newCase(root: string, name: string): string {
  checkCaseName(name);
  const dir = casesDirOf(root);
  const path = join(dir, `${name}${CASE_SUFFIX}`);
  if (existsSync(path)) {
    throw new NewCaseError(
      `${relative(root, path)} already exists; new-case never overwrites a case. Choose another name, or edit that file.`,
    );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, caseTemplate(name), { flag: "wx" });
  return path;
}

/** What the author does next, printed after the file is written. */
export function nextSteps(root: string, path: string, name: string): string {
  return [
    `wrote ${relative(root, path)}: a case that runs as is; edit its data and queries.`,
    "next:",
    // The file's path, not the name: a pattern `my-thing` would also run `my-thing-2`.
    `  npm run update-goldens -- ${relative(root, path)}   # runs it and writes __golden__/${name}.snap`,
    `  cat __golden__/${name}.snap   # read it: are these the numbers you meant? (then npm test)`,
  ].join("\n");
}

if (require.main === module) {
  const root = resolve(__dirname, "../..");
  const args = process.argv.slice(2);
  try {
    if (args.length > 1) throw new NewCaseError(`new-case takes one name; got ${args.length}: ${args.join(" ")}`);
    const name = checkCaseName(args[0]);
    process.stdout.write(`${nextSteps(root, newCase(root, name), name)}\n`);
  } catch (err) {
    if (!(err instanceof NewCaseError)) throw err;
    process.stderr.write(`new-case: ${err.message}\n`);
    process.exitCode = 2;
  }
}
