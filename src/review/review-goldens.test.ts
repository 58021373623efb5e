import { PassThrough } from "node:stream";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { CandidateFile, caseModuleFingerprint } from "../golden/candidate-file";
import { formatGolden } from "../golden/golden-body";
import { GoldenState } from "../golden/golden-state";
import type { Json } from "../golden/json";
import type { UpdateMode } from "../golden/update-mode";
import { goldenText, rangeAnswer } from "../report/test-support";
import { acceptCandidates, loadCandidates, rejectCandidates } from "./candidates";
import { main } from "./cli";
import { reviewInteractively } from "./interactive";

// The review's model and its non-interactive command line, on a throwaway project whose golden
// and candidate files are written by the golden state itself, as a run writes them.

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "review-goldens-"));
  for (const name of ["volume", "latency"]) {
    mkdirSync(join(root, "cases"), { recursive: true });
    writeFileSync(join(root, "cases", `${name}.case.ts`), "// a case module\n");
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const goldenPath = (name: string) => join(root, "__golden__", `${name}.snap`);
const candidatePath = (name: string) => join(root, "__golden__", ".pending", `${name}.snap`);
const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : undefined);

/** A run of one case module in `mode` with these answers (`checked`: queries whose oracle passed). */
async function runCase(
  name: string,
  mode: UpdateMode,
  answers: Record<string, Json>,
  options: { checked?: string[]; tolerance?: Record<string, { abs?: number; rel?: number }> } = {},
): Promise<void> {
  // As a run opens it: noting the case module's text with each candidate.
  const caseModule = caseModuleFingerprint(join(root, "cases", `${name}.case.ts`)) ?? undefined;
  const state = GoldenState.open(goldenPath(name), mode, caseModule);
  for (const [query, answer] of Object.entries(answers)) {
    const oracle = options.checked?.includes(query) ? "passed" : "none";
    await state.match(query, answer, query === "range" ? options.tolerance : undefined, oracle);
  }
  state.save(Object.keys(answers));
}

const volume = (n: number) => ({ data: { instant_model_metrics: { inference_volume: n } } });
const series = (values: number[]) => rangeAnswer("inference_volume_by_status", "status_2xx", values);

/** Goldens for volume (range and instant) and latency; then a check-only run whose answers differ. */
async function withCandidates(): Promise<void> {
  await runCase("volume", "all", { range: series([0, 4, 0]), instant: volume(2) });
  await runCase("latency", "all", { p99: { data: { p99: 0.5 } } });
  await runCase(
    "volume",
    "none",
    { range: series([0, 6, 0]), instant: volume(3), fresh: volume(1) },
    {
      checked: ["range"],
    },
  );
  await runCase("latency", "none", { p99: { data: { p99: 0.9 } } });
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { cwd: root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("the candidates to review", () => {
  test("are the entries a check-only run kept, each with its golden, the oracle's verdict and the query's tolerance", async () => {
    await withCandidates();
    const { items, where } = loadCandidates(root);
    expect(where).toBe("__golden__/.pending/");
    expect(items.map((item) => item.id)).toEqual(["latency/p99", "volume/fresh", "volume/instant", "volume/range"]);
    const range = items.find((item) => item.id === "volume/range")!;
    expect(range.answer).toEqual(series([0, 6, 0]));
    expect(range.golden).toBe(await formatGolden(series([0, 4, 0])));
    expect(range.candidate.note.oracle).toBe("passed");
    expect(items.find((item) => item.id === "volume/instant")!.candidate.note.oracle).toBe("none");
    expect(items.find((item) => item.id === "volume/fresh")!.golden).toBeUndefined();
    expect(items.every((item) => item.stale === undefined && !item.fromArtifact)).toBe(true);
  });

  test("a candidate records the tolerance the run used, and its body keeps the golden's values within it", async () => {
    await runCase("volume", "all", { range: series([0, 4, 0]) });
    await runCase(
      "volume",
      "none",
      { range: series([0, 4.4, 9]) },
      { tolerance: { "*.*[*].status_2xx": { abs: 0.5 } } },
    );
    const [range] = loadCandidates(root).items;
    expect(range!.candidate.note.tolerance).toEqual({ "*.*[*].status_2xx": { abs: 0.5 } });
    expect(range!.answer).toEqual(series([0, 4, 9])); // 4.4 is within 0.5 of 4: the golden's 4 is kept
  });

  test("a candidate whose golden changed, appeared or went since it was kept is stale, and no accept takes it", async () => {
    await withCandidates();
    // goldens changed under the candidates (a pull, a checkout, a hand edit)
    writeFileSync(goldenPath("volume"), goldenText({ range: series([1, 1, 1]), instant: volume(2), fresh: volume(7) }));
    writeFileSync(goldenPath("latency"), "// Jest Snapshot v1, https://goo.gl/fbAQLP\n");
    const byId = new Map(loadCandidates(root).items.map((item) => [item.id, item]));
    expect(byId.get("volume/range")!.stale).toBe(
      "its golden changed since the candidate was kept, so the candidate was compared with another golden",
    );
    expect(byId.get("volume/fresh")!.stale).toBe("a golden was written for this query since the candidate was kept");
    expect(byId.get("latency/p99")!.stale).toBe("its golden was removed since the candidate was kept");
    expect(byId.get("volume/instant")!.stale).toBeUndefined();

    const before = read(goldenPath("volume"));
    await expect(acceptCandidates(root, [byId.get("volume/instant")!, byId.get("volume/range")!])).rejects.toThrow(
      /cannot accept a candidate made against another golden than the working tree's:\n  volume\/range \(__golden__\/\.pending\/volume\.snap\): its golden changed/,
    );
    expect(read(goldenPath("volume"))).toBe(before); // nothing written, not even the fresh one
  });

  test("a candidate whose case module changed since it was kept is stale: the case would ask anew", async () => {
    await withCandidates();
    writeFileSync(join(root, "cases", "volume.case.ts"), "// a case module, its data edited\n");
    const byId = new Map(loadCandidates(root).items.map((item) => [item.id, item]));
    expect(byId.get("volume/range")!.stale).toBe(
      "its case module cases/volume.case.ts changed since the candidate was kept: run it again for a fresh answer",
    );
    expect(byId.get("latency/p99")!.stale).toBeUndefined();
    await expect(acceptCandidates(root, [byId.get("volume/range")!])).rejects.toThrow(
      /cases\/volume\.case\.ts changed/,
    );
  });

  test("re-laying out a golden by hand does not make its candidate stale: goldens are compared as values", async () => {
    await withCandidates();
    const golden = read(goldenPath("volume"))!;
    writeFileSync(
      goldenPath("volume"),
      golden.replace(
        '{ "data": { "instant_model_metrics": { "inference_volume": 2 } } }',
        '{"data":{"instant_model_metrics":{"inference_volume":2}}}',
      ),
    );
    expect(read(goldenPath("volume"))).not.toBe(golden);
    expect(loadCandidates(root).items.find((item) => item.id === "volume/instant")!.stale).toBeUndefined();
  });

  test("accepting writes the golden as update-goldens would, atomically, and drops the candidate; rejecting only drops it", async () => {
    await withCandidates();
    const items = loadCandidates(root).items;
    const pick = (...ids: string[]) => items.filter((item) => ids.includes(item.id));
    expect(await acceptCandidates(root, pick("volume/range", "volume/fresh"))).toEqual(["__golden__/volume.snap"]);

    // what a full update with the same answers writes, byte for byte
    const updated = mkdtempSync(join(tmpdir(), "review-goldens-update-"));
    try {
      const state = GoldenState.open(join(updated, "volume.snap"), "all");
      await state.match("range", series([0, 6, 0]), undefined);
      await state.match("instant", volume(2), undefined);
      await state.match("fresh", volume(1), undefined);
      state.save(["range", "instant", "fresh"]);
      expect(read(goldenPath("volume"))).toBe(read(join(updated, "volume.snap")));
    } finally {
      rmSync(updated, { recursive: true, force: true });
    }
    expect(CandidateFile.read(candidatePath("volume")).keys()).toEqual(["instant"]);

    const golden = read(goldenPath("volume"));
    rejectCandidates(root, pick("volume/instant"));
    expect(read(goldenPath("volume"))).toBe(golden);
    expect(existsSync(candidatePath("volume"))).toBe(false); // left empty: removed
    expect(read(candidatePath("latency"))).toContain("exports[`p99`]");
  });

  test("a candidate file that is not one (a golden copied there, a hand edit) is named with what to do", async () => {
    await runCase("volume", "all", { instant: volume(2) });
    mkdirSync(join(root, "__golden__", ".pending"), { recursive: true });
    writeFileSync(candidatePath("volume"), read(goldenPath("volume"))!);
    const result = await cli("--list");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${candidatePath("volume")}: the entry "instant" has no "// candidate" line above it, so it is not a candidate a run kept`,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("npm run review-goldens, for scripts", () => {
  test("--list gives one line per candidate: the change as the report words it, the oracle's verdict, or why it is stale", async () => {
    await withCandidates();
    writeFileSync(goldenPath("latency"), goldenText({ p99: { data: { p99: 0.7 } } }));
    const list = await cli("--list");
    expect(list).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "4 candidates in __golden__/.pending/:",
        "  latency/p99: stale: its golden changed since the candidate was kept, so the candidate was compared with another golden",
        "  volume/fresh: new golden; oracle none",
        "  volume/instant: 1 value in 1 field; 1 outside tolerance; oracle none",
        "  volume/range: 1 value in 1 field; 1 outside tolerance; ts(30); oracle passed",
        "",
      ].join("\n"),
    });
    expect((await cli("--list", "volume/r*")).stdout).toBe(
      "1 candidate in __golden__/.pending/:\n  volume/range: 1 value in 1 field; 1 outside tolerance; ts(30); oracle passed\n",
    );
  });

  test("--accept and --reject take patterns over case modules and queries, matched whole", async () => {
    await withCandidates();
    const done = await cli("--accept", "volume/*a*", "--reject", "cases/latency.case.ts");
    expect(done).toEqual({
      code: 0,
      stderr: "",
      stdout:
        "accepted volume/instant → __golden__/volume.snap\n" +
        "accepted volume/range → __golden__/volume.snap\n" +
        "rejected latency/p99\n" +
        "Written: __golden__/volume.snap. Check them with npm test, then commit them.\n",
    });
    expect(read(goldenPath("volume"))).toContain('"inference_volume": 3');
    expect(read(goldenPath("latency"))).toContain('"p99": 0.5');
    expect(loadCandidates(root).items.map((item) => item.id)).toEqual(["volume/fresh"]);
  });

  test.each([
    [
      ["--accept", "volum"],
      1,
      'the pattern "volum" matches no candidate (matched whole: "*volum*" matches within names). The candidates:\n  latency/p99\n',
    ],
    [["--accept", "/range"], 1, '"/range" is not a pattern: a pattern is <case module> or <case module>/<query>'],
    [
      ["--accept", "volume", "--reject", "volume/range"],
      2,
      "volume/range matched both --accept and --reject; say which.",
    ],
    [["--list", "--accept", "x"], 2, "--list only lists; give --accept and --reject without it."],
    [["--from"], 2, "review-goldens: --from needs a value."],
    [["--frm", "x"], 2, 'review-goldens: unknown argument "--frm".'],
    [["--from", "nowhere"], 1, "review-goldens: --from nowhere: no such folder or zip file."],
    [[], 2, "review-goldens: the interactive review needs a terminal, and stdin or stdout is not one."],
  ])(
    "%j is refused with what is allowed, exit code %i, nothing written and no stack trace",
    async (argv, code, said) => {
      await withCandidates();
      const [golden, candidates] = [read(goldenPath("volume")), read(candidatePath("volume"))];
      const result = await cli(...argv);
      expect(result.code).toBe(code);
      expect(result.stderr).toContain(said);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect([read(goldenPath("volume")), read(candidatePath("volume"))]).toEqual([golden, candidates]);
    },
  );

  test("with no candidates: --list says so, and a review or an accept is refused", async () => {
    expect(await cli("--list")).toEqual({ code: 0, stderr: "", stdout: "0 candidates in __golden__/.pending/.\n" });
    const accept = await cli("--accept", "*");
    expect(accept.code).toBe(1);
    expect(accept.stderr).toContain("review-goldens: no candidates in __golden__/.pending/, so nothing to review.");
  });

  test("outside a project it says where to run it", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "review-goldens-nowhere-"));
    try {
      let stderr = "";
      const code = await main(["--list"], { cwd: elsewhere, stdout: () => {}, stderr: (t) => (stderr += t) });
      expect(code).toBe(1);
      expect(stderr).toContain("is not inside a golden-suite project (no cases/ or __golden__/ in it or above it)");
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("--from: a CI run's candidates, reviewed against the working tree's goldens", () => {
  /** The candidates moved out of the project into `artifact`, laid out as `layout` says. */
  function artifactOf(layout: "top" | "project"): string {
    const artifact = join(root, "..", `${root.split("/").pop()}-artifact`);
    const dir = layout === "top" ? artifact : join(artifact, "__golden__", ".pending");
    mkdirSync(dir, { recursive: true });
    for (const name of ["volume", "latency"]) {
      writeFileSync(join(dir, `${name}.snap`), read(candidatePath(name))!);
      rmSync(candidatePath(name));
    }
    return artifact;
  }
  afterEach(() => rmSync(join(root, "..", `${root.split("/").pop()}-artifact`), { recursive: true, force: true }));

  test.each(["top", "project"] as const)(
    "from a folder holding the candidate files (%s), the artifact only read",
    async (layout) => {
      await withCandidates();
      const artifact = artifactOf(layout);
      const listed = await cli("--from", artifact, "--list");
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain(`4 candidates in ${artifact}:`);
      expect(listed.stdout).toContain("volume/range: 1 value in 1 field; 1 outside tolerance; ts(30); oracle passed");

      const accepted = await cli("--from", artifact, "--accept", "volume/range", "--reject", "latency");
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain("rejected latency/p99 (the artifact is only read)");
      expect(read(goldenPath("volume"))).toBe(
        `// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[\`instant\`] = \`\n${await formatGolden(volume(2))}\n\`;\n\n` +
          `exports[\`range\`] = \`\n${await formatGolden(series([0, 6, 0]))}\n\`;\n`,
      );
      expect((await cli("--from", artifact, "--list")).stdout).toContain(
        "volume/range: stale: its golden changed since the candidate was kept",
      );
    },
  );

  test("from a zip of the artifact, as GitHub offers it for download", async () => {
    await withCandidates();
    const zip = join(root, "golden-candidates.zip");
    writeFileSync(
      zip,
      zipSync({
        "volume.snap": new Uint8Array(readFileSync(candidatePath("volume"))),
        "latency.snap": new Uint8Array(readFileSync(candidatePath("latency"))),
      }),
    );
    rmSync(join(root, "__golden__", ".pending"), { recursive: true });
    const accepted = await cli("--from", "golden-candidates.zip", "--accept", "*/p99");
    expect(accepted).toMatchObject({ code: 0, stderr: "" });
    expect(read(goldenPath("latency"))).toContain('"p99": 0.9');
  });

  test("a file that is not a zip, a zip or folder without candidates, and goldens instead of candidates are refused", async () => {
    await withCandidates();
    writeFileSync(join(root, "notes.txt"), "not a zip");
    expect((await cli("--from", "notes.txt", "--list")).stderr).toContain(
      "--from notes.txt: neither a folder nor a zip file.",
    );
    writeFileSync(join(root, "empty.zip"), zipSync({ "readme.txt": new Uint8Array([104, 105]) }));
    expect((await cli("--from", "empty.zip", "--list")).stderr).toContain(
      "--from empty.zip: no .snap file. Give the folder or zip of one CI run's candidates",
    );
    mkdirSync(join(root, "copied"));
    writeFileSync(join(root, "copied", "volume.snap"), read(goldenPath("volume"))!);
    const goldens = await cli("--from", "copied", "--list");
    expect(goldens.code).toBe(1);
    expect(goldens.stderr).toContain('the entry "instant" has no "// candidate" line above it');
  });
});

describe("the interactive review's keys", () => {
  /** A terminal whose keys are typed at once; each screen drawn is kept. */
  function terminal(keys: string) {
    const input = new PassThrough();
    const screens: string[] = [];
    input.end(keys);
    return {
      terminal: { input, write: (t: string) => screens.push(t), size: () => ({ columns: 120, rows: 40 }) },
      screens,
    };
  }

  test("s skips, r rejects, an unknown key is named on the same screen, a accepts, q quits and leaves the rest", async () => {
    await withCandidates();
    const set = loadCandidates(root);
    const { terminal: t, screens } = terminal("sxraq");
    const tally = await reviewInteractively(set, t);
    expect(tally.skipped.map((i) => i.id)).toEqual(["latency/p99"]);
    expect(tally.rejected.map((i) => i.id)).toEqual(["volume/fresh"]);
    expect(tally.accepted.map((i) => i.id)).toEqual(["volume/instant"]);
    expect(tally.left.map((i) => i.id)).toEqual(["volume/range"]);
    expect(tally.written).toEqual(["__golden__/volume.snap"]);
    expect(screens[2]).toContain('"x" is not a key here.');
    expect(screens[2]).toContain("review-goldens: 2 of 4");
    expect(read(goldenPath("volume"))).toContain('"inference_volume": 3');
    expect(loadCandidates(root).items.map((i) => i.id)).toEqual(["latency/p99", "volume/range"]);
  });

  test("c accepts the rest of the case; a golden edited during the review is refused on its screen, and the review goes on", async () => {
    await withCandidates();
    const set = loadCandidates(root);
    writeFileSync(goldenPath("latency"), goldenText({ p99: { data: { p99: 0.6 } } })); // after loading
    const { terminal: t, screens } = terminal("asc");
    const tally = await reviewInteractively(set, t);
    expect(screens[1]).toContain(
      "latency/p99 (__golden__/.pending/latency.snap): its golden changed during this review",
    );
    expect(tally.skipped.map((i) => i.id)).toEqual(["latency/p99"]);
    expect(tally.accepted.map((i) => i.id)).toEqual(["volume/fresh", "volume/instant", "volume/range"]);
    expect(existsSync(candidatePath("volume"))).toBe(false);
  });

  test("a terminal that closes ends the review as q does", async () => {
    await withCandidates();
    const tally = await reviewInteractively(loadCandidates(root), terminal("s").terminal);
    expect(tally.left).toHaveLength(3);
  });
});
