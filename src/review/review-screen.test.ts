import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GoldenState } from "../golden/golden-state";
import { errorAnswer } from "../report/test-support";
import { loadCandidates } from "./candidates";
import { reviewScreen } from "./review-screen";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "review-screen-"));
  mkdirSync(join(root, "cases"));
  writeFileSync(join(root, "cases", "errors.case.ts"), "");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test("a changed error shows what changed in it; a new golden shows its body as it would be written", async () => {
  const path = join(root, "__golden__", "errors.snap");
  const update = GoldenState.open(path, "all");
  await update.match("unknown", errorAnswer("NOT_FOUND", "model version x not found"), undefined);
  update.save(["unknown"]);
  const check = GoldenState.open(path, "none");
  await check.match("unknown", errorAnswer("BAD_USER_INPUT", "end before start"), undefined);
  await check.match("fresh", { data: { counts: [1, 2] } }, undefined, "passed");
  check.save(["unknown", "fresh"]);

  const [fresh, unknown] = loadCandidates(root).items;
  expect(await reviewScreen(unknown!, root, 120)).toEqual([
    "errors › unknown",
    "golden:    __golden__/errors.snap",
    "candidate: __golden__/.pending/errors.snap",
    "oracle:    none (the query has no check: this review is all that stands before the golden)",
    "",
    "1 error changed",
    "",
    'errors[0]: code NOT_FOUND → BAD_USER_INPUT; message "model version x not found" → "end before start"',
    "",
  ]);
  expect(await reviewScreen(fresh!, root, 120)).toEqual([
    "errors › fresh",
    "golden:    __golden__/errors.snap (no entry for this query yet)",
    "candidate: __golden__/.pending/errors.snap",
    "oracle:    passed (the query's check ran on this answer)",
    "",
    "new golden, as it would be written:",
    '  { "data": { "counts": [1, 2] } }',
  ]);
});
