import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkGolden } from "./check";
import { GoldenFile } from "./golden-file";

let dir: string;
let file: GoldenFile;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "golden-check-"));
  file = GoldenFile.read(join(dir, "x.snap"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const answer = (p99: number, count: number) => ({ data: { m: [{ timestamp: "ts(0)", p99, count }] } });

describe("checking an answer against its golden", () => {
  test("a missing golden is written, except where the mode forbids it", async () => {
    expect(await checkGolden(file, "q", answer(1, 2), undefined, "none")).toEqual({ status: "missing", differences: [] });
    expect(file.get("q")).toBeUndefined();
    expect(await checkGolden(file, "q", answer(1, 2), undefined, "new")).toEqual({ status: "written", differences: [] });
    expect(file.get("q")).toBe('{ "data": { "m": [{ "timestamp": "ts(0)", "p99": 1, "count": 2 }] } }');
  });

  test("within tolerance the golden's own value is kept, so the entry never churns", async () => {
    await checkGolden(file, "q", answer(1, 2), undefined, "new");
    const before = file.get("q");
    expect((await checkGolden(file, "q", answer(1.005, 2), undefined, "all")).status).toBe("kept-within-tolerance");
    expect(file.get("q")).toBe(before);
  });

  test("beyond tolerance it is a mismatch, or an update that rewrites the entry", async () => {
    await checkGolden(file, "q", answer(1, 2), undefined, "new");
    const mismatch = await checkGolden(file, "q", answer(1, 3), undefined, "new");
    expect(mismatch).toEqual({
      status: "mismatch",
      differences: [{ path: "m[0].count", golden: 2, actual: 3, difference: 1 }],
      golden: answer(1, 2),
    });
    expect((await checkGolden(file, "q", answer(1, 3), undefined, "all")).status).toBe("updated");
    expect(file.get("q")).toContain('"count": 3');
  });

  test("a query's tolerance widens what is kept", async () => {
    await checkGolden(file, "q", answer(1, 2), undefined, "new");
    expect((await checkGolden(file, "q", answer(1, 3), { "m[*].count": { abs: 1 } }, "none")).status).toBe("kept-within-tolerance");
  });

  test("a golden that is not JSON any more differs as a whole", async () => {
    file.set("q", "{ broken");
    const outcome = await checkGolden(file, "q", answer(1, 2), undefined, "none");
    expect(outcome.status).toBe("mismatch");
    expect(outcome.differences).toEqual([{ path: "", golden: "{ broken", actual: answer(1, 2) }]);
  });
});
