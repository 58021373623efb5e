// npm run test:browser [-- --screenshot <png>] [--keep <dir>]
//
// The HTML report in a real headless browser: Debian's chromium driven by playwright-core. Not
// part of `npm test` (which needs no browser); .ci/run runs it after installing chromium.
// A golden pair is made from this project's own goldens (demo-goldens.ts), committed in a
// throwaway git repository and reported with `--base HEAD --html`; then the page is loaded with
// every request but the file itself refused, and checked with node's own test runner (node:test,
// node:assert). The report (HTML and Markdown) and its screenshot stay in
// $TMPDIR/golden-report-browser/ (or --keep <dir>).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type Browser, chromium, type Page } from "playwright-core";
import { main } from "./cli";
import { demoGoldenPair } from "./demo-goldens";
import { goldensInWorkingTree } from "./git-goldens";
import { TempRepo } from "./test-support";

const ROOT = resolve(__dirname, "../..");

/** Debian's chromium; CHROMIUM_PATH for another. Playwright's own browser download is never used. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

const { values: options } = parseArgs({
  options: { screenshot: { type: "string" }, keep: { type: "string" } },
});
// Kept after the run, so that the report and its screenshot can be opened.
const work = resolve(options.keep ?? join(tmpdir(), "golden-report-browser"));

describe("the golden report as HTML, in headless Chromium", () => {
  const repo = new TempRepo();
  let browser: Browser | undefined;
  let page: Page;
  let pair: Awaited<ReturnType<typeof demoGoldenPair>>;
  const refused: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    assert.ok(
      existsSync(CHROMIUM.executablePath),
      `no browser at ${CHROMIUM.executablePath}. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
    mkdirSync(work, { recursive: true });
    pair = await demoGoldenPair(goldensInWorkingTree(ROOT));
    for (const [file, text] of pair.before) repo.write(file, text);
    repo.commit("base");
    for (const file of pair.before.keys()) repo.remove(file);
    for (const [file, text] of pair.after) repo.write(file, text);

    const html = join(work, "report.html");
    let markdown = "";
    const code = main(["--base", "HEAD", "--html", html], {
      root: repo.dir,
      cwd: repo.dir,
      env: {},
      stdout: (t) => (markdown += t),
      stderr: () => {},
    });
    assert.equal(code, 0, "golden-report's exit code");
    writeFileSync(join(work, "report.md"), markdown);

    browser = await chromium.launch(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(html).href;
    await page.route("**/*", (route) =>
      route.request().url() === url ? route.continue() : (refused.push(route.request().url()), route.abort()),
    );
    page.on("pageerror", (err) => pageErrors.push(err.message));
    page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));
    await page.goto(url, { waitUntil: "load" });
  });

  after(async () => {
    await browser?.close();
    repo.cleanup();
  });

  test("the report loads with no request but the file itself, and no error", () => {
    assert.deepEqual(refused, [], "requests refused");
    assert.deepEqual(pageErrors, [], "page errors");
  });

  test("the summary table counts the changed and added cases", async () => {
    const rows = await page.locator("table.summary tbody tr").allInnerTexts();
    const cells = Object.fromEntries(
      rows.map((r) => r.split("\t").map((c) => c.trim())).map(([what, cases, queries]) => [what, [cases, queries]]),
    );
    assert.ok(
      Number(cells.changed?.[1]) >= (pair.editedSeries.length > 0 ? 1 : 0),
      `changed queries: ${JSON.stringify(cells.changed)}`,
    );
    assert.equal(cells.added?.[0], "1", "added cases");
  });

  test("there is one chart per changed series, each an SVG with a before and an after line", async () => {
    const titles = await page
      .locator("figure.chart")
      .evaluateAll((figures) => figures.map((f) => f.getAttribute("data-series") ?? ""));
    assert.equal(titles.length, pair.editedSeries.length, `charts (${titles.join("; ")})`);
    for (const edited of pair.editedSeries) {
      const series = edited.slice(edited.indexOf(": ") + 2);
      assert.ok(
        titles.some((t) => t.startsWith(series)),
        `a chart for ${series}`,
      );
    }
    const lines = await page
      .locator("figure.chart svg")
      .evaluateAll((svgs) =>
        svgs.map((svg) =>
          ["before", "after"].map(
            (side) => (svg.querySelector(`path.${side}`) as SVGGraphicsElement | null)?.getBBox().width ?? 0,
          ),
        ),
      );
    for (const [i, [before, after]] of lines.entries())
      assert.ok(before! > 0 && after! > 0, `chart ${i + 1} draws both lines (widths ${before}, ${after})`);
  });

  test("every chart is laid out on the page at a readable size", async () => {
    const boxes = await page
      .locator("figure.chart svg")
      .evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]));
    for (const [w, h] of boxes) assert.ok(w! >= 300 && h! >= 120, `chart size ${w}x${h}`);
  });

  test("the golden file that cannot be read is named, and the rest of the report is there", async () => {
    const problems = await page.locator("section.problems").innerText();
    assert.ok(problems.includes(pair.brokenFile), `problems name ${pair.brokenFile}: ${problems}`);
    assert.ok((await page.locator("section.query").count()) >= 1, "changed queries shown");
  });

  test("the changed error code is shown", async () => {
    const errors = await page.locator("table.errors").allInnerTexts();
    assert.ok(errors.join("\n").includes("→ FORBIDDEN"), `error tables: ${errors.join(" | ")}`);
  });

  test("a full-page screenshot is taken", async () => {
    const path = resolve(options.screenshot ?? join(work, "report.png"));
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, fullPage: true });
    assert.equal(readFileSync(path).subarray(1, 4).toString(), "PNG", "PNG signature");
    assert.ok(statSync(path).size > 20_000, `screenshot size ${statSync(path).size} bytes`);
    process.stdout.write(`# screenshot: ${path}\n`);
  });
});
