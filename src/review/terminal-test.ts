import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { countingCase, countingGolden, FixtureProject } from "../runner/__fixtures__/fixture-project";

// `npm run test:terminal` (not part of npm test; .ci/run runs it after it). The issue's "done when", in a real terminal: a fixture project whose golden has one number
// broken fails `npm test` and keeps a candidate; `npm run review-goldens` in tmux shows the change
// with its chart, and accepting it makes the run green with the golden holding exactly that
// answer. Then the same from a CI=true run's candidates, taken from an artifact folder with
// --from. Child jest runs use this run's VictoriaMetrics (FixtureProject); the review needs none.

const REVIEW_GOLDENS = resolve(__dirname, "../../bin/review-goldens");

/** One tmux server of our own (its own socket, no user config), running one command in a 120x40 pane. */
class Terminal {
  private readonly dir = mkdtempSync(join(tmpdir(), "review-tmux-"));
  private readonly socket = join(this.dir, "socket");

  constructor(command: string[], cwd: string) {
    const shell = `${command.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ")}; echo "[exit $?]"; exec sleep 600`;
    this.tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-c", cwd, "sh", "-c", shell);
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-S", this.socket, ...args], { encoding: "utf8", env: { ...process.env, TMUX: "" } });
  }

  screen(): string {
    return this.tmux("capture-pane", "-p");
  }

  keys(...keys: string[]): void {
    this.tmux("send-keys", ...keys);
  }

  /** The screen once it shows `text`: a bounded wait on what a person would wait for. */
  async waitFor(text: string): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const screen = this.screen();
      if (screen.includes(text)) return screen;
      if (Date.now() > deadline)
        throw new Error(`the terminal never showed ${JSON.stringify(text)}; it shows:\n${screen}`);
      await new Promise((wake) => setTimeout(wake, 100));
    }
  }

  close(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const RANGE_QUERY = `
    over_time: {
      query: \`query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
        range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
          inference_volume_by_status { timestamp status_2xx status_4xx status_5xx }
        }
      }\`,
      variables: { start: ts(0), end: ts(120) },
    },`;

/**
 * The golden file of the case "shop", checked by hand against its events: N requests with status
 * 200 at ts(10), ts(11), ... (scraped every 10 s, so the counter reads 1 at ts(10) and N at ts(20)).
 * by_status and volume count them in (ts(0), ts(60)]: N. over_time is increase over each 30 s
 * window times 60/30 (per minute): (0, 30] holds all N, so ts(30) is 2N; every other point 0.
 * `volume` is passed separately: its tolerance (abs 1) keeps an older golden's value.
 */
function shopGolden(requests: number, volume = requests): string {
  const point = (t: number, v: number) =>
    `        { "timestamp": "ts(${t})", "status_2xx": ${v}, "status_4xx": 0, "status_5xx": 0 }`;
  const overTime = [
    "exports[`over_time`] = `",
    "{",
    '  "data": {',
    '    "range_model_metrics": {',
    '      "inference_volume_by_status": [',
    [point(0, 0), point(30, 2 * requests), point(60, 0), point(90, 0), point(120, 0)].join(",\n"),
    "      ]",
    "    }",
    "  }",
    "}",
    "`;",
  ].join("\n");
  return countingGolden(requests, { volume, entries: overTime });
}

afterAll(() => FixtureProject.removeAll());

/** A fixture project holding the case "shop" and `golden` as its golden file, and a terminal for the review, both cleaned up. */
async function withShop(golden: string, body: (project: FixtureProject, terminals: Terminal[]) => Promise<void>) {
  const project = await FixtureProject.with({ shop: countingCase("shop", { extraQueries: RANGE_QUERY }) });
  const terminals: Terminal[] = [];
  try {
    project.writeGolden("shop", golden);
    await body(project, terminals);
  } finally {
    terminals.forEach((t) => t.close());
    project.release();
  }
}

beforeAll(() => {
  try {
    execFileSync("tmux", ["-V"]);
  } catch {
    throw new Error(
      "tmux is not installed: npm run test:terminal drives review-goldens in a real terminal (apt-get install tmux; .ci/run installs it)",
    );
  }
});

// Both run at once, each in a fixture project of its own: most of their time is child runs.
test.concurrent(
  "a broken number: npm test fails and keeps the answer; the review shows it with its chart; accepting makes the run green",
  () =>
    // ts(30) counted 5 requests a minute instead of 4
    withShop(
      shopGolden(2).replace('"ts(30)", "status_2xx": 4', '"ts(30)", "status_2xx": 5'),
      async (project, terminals) => {
        const check = await project.run({ ci: false });
        expect(check.code).not.toBe(0);
        expect(check.output).toContain("review:  npm run review-goldens -- shop/over_time");
        expect(project.candidates("shop")).toContain("exports[`over_time`]");

        const review = new Terminal([REVIEW_GOLDENS], project.dir);
        terminals.push(review);
        const screen = await review.waitFor("q quit");
        expect(screen).toContain("review-goldens: 1 of 1");
        expect(screen).toContain("shop › over_time");
        expect(screen).toContain("candidate: __golden__/.pending/shop.snap");
        expect(screen).toContain("oracle:    none (the query has no check");
        expect(screen).toMatch(
          /range_model_metrics\.inference_volume_by_status\[\*\]\.status_2xx\n\s+1\s+1\s+20%\s+ts\(30\)\s+exact\s+≠ no: review the change/,
        );
        expect(screen).toContain(
          "range_model_metrics.inference_volume_by_status[1].status_2xx at ts(30): golden 5, candidate 4  difference -1 (-20%)\n" +
            "    tolerance exact\n", // wrapped at 120 columns
        );
        // the chart, on the scale 0 … 5: ts(30) is 5 in the golden (the top block), 4 in the candidate (round(4/5 × 7) = the 7th)
        expect(screen).toContain(
          "range_model_metrics.inference_volume_by_status · status_2xx: ts(0) … ts(120), 5 points, values 0 … 5\n" +
            "  golden     ▁▁▁ ███ ▁▁▁ ▁▁▁ ▁▁▁\n" +
            "  candidate  ▁▁▁ ▇▇▇ ▁▁▁ ▁▁▁ ▁▁▁\n" +
            "                 ▼\n",
        );
        expect(screen).toContain("a accept   r reject   s skip   c accept the rest of this case (1)   q quit");

        review.keys("a");
        expect(await review.waitFor("[exit 0]")).toContain("review-goldens: 1 accepted, 0 rejected, 0 skipped.");
        // the golden holds exactly the accepted answer, which is the one checked by hand
        expect(project.golden("shop")).toBe(shopGolden(2));
        expect(project.candidates("shop")).toBeUndefined();
        const green = await project.run({ ci: false });
        expect(green.code).toBe(0);
        expect(green.output).toContain("goldens: 0 written, 3 unchanged");
      },
    ),
  120_000,
);

test.concurrent(
  "--from: a CI=true run's candidates, from its artifact folder, reviewed and accepted here",
  () =>
    withShop(shopGolden(2), async (project, terminals) => {
      const artifact = mkdtempSync(join(tmpdir(), "review-artifact-"));
      try {
        const three = { FIXTURE_REQUESTS_SHOP: "3" };
        const ci = await project.run({ env: three }); // CI=true
        expect(ci.code).not.toBe(0);
        // as upload-artifact stores the one folder it is given: its files at the artifact's top
        cpSync(join(project.dir, "__golden__", ".pending"), artifact, { recursive: true });
        rmSync(join(project.dir, "__golden__", ".pending"), { recursive: true });

        const review = new Terminal([REVIEW_GOLDENS, "--from", artifact], project.dir);
        terminals.push(review);
        const first = await review.waitFor("q quit");
        expect(first).toContain("review-goldens: 1 of 2");
        expect(first).toContain("shop › by_status");
        expect(first).toContain(`candidate: ${artifact}: shop.snap`);
        expect(first).toContain(
          "instant_model_metrics.inference_volume_by_status.status_2xx: golden 2, candidate 3  difference +1 (+50%)  tolerance\n" +
            "    exact\n",
        );
        expect(first).toContain("c accept the rest of this case (2)");

        review.keys("c");
        expect(await review.waitFor("[exit 0]")).toContain("review-goldens: 2 accepted, 0 rejected, 0 skipped.");
        // volume answered 3, within its tolerance (abs 1) of the golden's 2: kept as it was, as an update would
        expect(project.golden("shop")).toBe(shopGolden(3, 2));
        expect(existsSync(join(artifact, "shop.snap"))).toBe(true); // the artifact is only read
        expect((await project.run({ env: three })).code).toBe(0);
      } finally {
        rmSync(artifact, { recursive: true, force: true });
      }
    }),
  120_000,
);

test("outside a terminal, the command says how scripts use it, with no stack trace", () => {
  const dir = mkdtempSync(join(tmpdir(), "review-plain-"));
  try {
    mkdirSync(join(dir, "cases"));
    writeFileSync(join(dir, "cases", "shop.case.ts"), "");
    mkdirSync(join(dir, "__golden__", ".pending"), { recursive: true });
    writeFileSync(
      join(dir, "__golden__", ".pending", "shop.snap"),
      '// Jest Snapshot v1, https://goo.gl/fbAQLP\n\n// candidate {"query":"q","golden":null,"oracle":"none"}\nexports[`q`] = `\n{}\n`;\n',
    );
    const plain = spawnSync(REVIEW_GOLDENS, [], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(plain.status).toBe(2);
    expect(plain.stderr).toBe(
      "review-goldens: the interactive review needs a terminal, and stdin or stdout is not one. " +
        "In a script: --list, --accept <pattern> or --reject <pattern> (npm run review-goldens -- --help).\n",
    );
    const listed = spawnSync(REVIEW_GOLDENS, ["--list"], { cwd: join(dir, "cases"), encoding: "utf8" });
    expect(listed.stdout).toBe("1 candidate in __golden__/.pending/:\n  shop/q: new golden; oracle none\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
