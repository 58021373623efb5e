// npm run test:browser [-- --screenshot <png>] [--keep <dir>]
//
// The HTML report in a real headless browser: Debian's chromium driven by playwright-core. Not
// part of `npm test` (which needs no browser); .ci/run runs it after installing chromium.
// A golden pair is made from this project's own goldens (demo-goldens.ts), committed in a
// throwaway git repository and reported with `--base HEAD --html`; then the page is loaded with
// every request but the file itself refused, and checked. Prints "N passed, N failed". The report
// (HTML and Markdown) and its screenshot stay in $TMPDIR/golden-report-browser/ (or --keep <dir>).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { main } from "./cli";
import { demoGoldenPair } from "./demo-goldens";
import { goldensInWorkingTree } from "./git-goldens";
import { TempRepo } from "./test-support";

const ROOT = resolve(__dirname, "../..");

/** Debian's chromium; CHROMIUM_PATH for another. Playwright's own browser download is never used. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

interface Options {
  screenshot?: string;
  keep?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag !== "--screenshot" && flag !== "--keep") || value === undefined) {
      throw new Error(`usage: npm run test:browser [-- --screenshot <file.png>] [--keep <dir>]; got ${argv.join(" ")}`);
    }
    options[flag === "--screenshot" ? "screenshot" : "keep"] = resolve(value);
    i++;
  }
  return options;
}

async function run(options: Options): Promise<number> {
  if (!existsSync(CHROMIUM.executablePath)) {
    process.stderr.write(`test:browser: no browser at ${CHROMIUM.executablePath}. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH).\n0 passed, 1 failed\n`);
    return 1;
  }
  // Kept after the run, so that the report and its screenshot can be opened.
  const work = options.keep ?? join(tmpdir(), "golden-report-browser");
  mkdirSync(work, { recursive: true });
  const repo = new TempRepo();
  let browser: Browser | undefined;
  const results: { name: string; error?: string }[] = [];
  const check = async (name: string, body: () => Promise<void> | void) => {
    try {
      await body();
      results.push({ name });
      process.stdout.write(`  ✓ ${name}\n`);
    } catch (err) {
      results.push({ name, error: (err as Error).message });
      process.stdout.write(`  ✕ ${name}\n      ${(err as Error).message.replace(/\n/g, "\n      ")}\n`);
    }
  };
  try {
    const pair = await demoGoldenPair(goldensInWorkingTree(ROOT));
    for (const [file, text] of pair.before) repo.write(file, text);
    repo.commit("base");
    for (const file of pair.before.keys()) repo.remove(file);
    for (const [file, text] of pair.after) repo.write(file, text);

    const html = join(work, "report.html");
    let markdown = "";
    const code = main(["--base", "HEAD", "--html", html], { root: repo.dir, cwd: repo.dir, env: {}, stdout: (t) => (markdown += t), stderr: () => {} });
    if (code !== 0) throw new Error(`golden-report exited ${code}`);
    writeFileSync(join(work, "report.md"), markdown);

    process.stdout.write(`golden report in ${CHROMIUM.executablePath}: ${pair.editedSeries.length} series edited in a copy of this project's goldens\n`);
    browser = await chromium.launch(CHROMIUM);
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(html).href;
    const refused: string[] = [];
    const pageErrors: string[] = [];
    await page.route("**/*", (route) => (route.request().url() === url ? route.continue() : (refused.push(route.request().url()), route.abort())));
    page.on("pageerror", (err) => pageErrors.push(err.message));
    page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));
    await page.goto(url, { waitUntil: "load" });

    await check("the report loads with no request but the file itself, and no error", () => {
      expect(refused, "requests refused").toEqual([]);
      expect(pageErrors, "page errors").toEqual([]);
    });

    await check("the summary table counts the changed and added cases", async () => {
      const rows = await page.locator("table.summary tbody tr").allInnerTexts();
      const cells = Object.fromEntries(rows.map((r) => r.split("\t").map((c) => c.trim())).map(([what, cases, queries]) => [what, [cases, queries]]));
      expect(Number(cells.changed?.[1]), "changed queries").toBeAtLeast(pair.editedSeries.length > 0 ? 1 : 0);
      expect(cells.added?.[0], "added cases").toEqual("1");
    });

    await check("there is one chart per changed series, each an SVG with a before and an after line", async () => {
      const titles = await page.locator("figure.chart").evaluateAll((figures) => figures.map((f) => f.getAttribute("data-series") ?? ""));
      expect(titles.length, `charts (${titles.join("; ")})`).toEqual(pair.editedSeries.length);
      for (const edited of pair.editedSeries) {
        const series = edited.slice(edited.indexOf(": ") + 2);
        expect(titles.some((t) => t.startsWith(series)), `a chart for ${series}`).toEqual(true);
      }
      const lines = await page.locator("figure.chart svg").evaluateAll((svgs) =>
        svgs.map((svg) => ["before", "after"].map((side) => (svg.querySelector(`path.${side}`) as SVGGraphicsElement | null)?.getBBox().width ?? 0)),
      );
      for (const [i, [before, after]] of lines.entries()) {
        expect(before! > 0 && after! > 0, `chart ${i + 1} draws both lines (widths ${before}, ${after})`).toEqual(true);
      }
    });

    await check("every chart is laid out on the page at a readable size", async () => {
      const boxes = await page.locator("figure.chart svg").evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]));
      for (const [w, h] of boxes) expect(w! >= 300 && h! >= 120, `chart size ${w}x${h}`).toEqual(true);
    });

    await check("the golden file that cannot be read is named, and the rest of the report is there", async () => {
      const problems = await page.locator("section.problems").innerText();
      expect(problems.includes(pair.brokenFile), `problems name ${pair.brokenFile}: ${problems}`).toEqual(true);
      expect(await page.locator("section.query").count(), "changed queries shown").toBeAtLeast(1);
    });

    await check("the changed error code is shown", async () => {
      const errors = await page.locator("table.errors").allInnerTexts();
      expect(errors.join("\n").includes("→ FORBIDDEN"), `error tables: ${errors.join(" | ")}`).toEqual(true);
    });

    await check("a full-page screenshot is taken", async () => {
      const path = options.screenshot ?? join(work, "report.png");
      mkdirSync(dirname(path), { recursive: true });
      await page.screenshot({ path, fullPage: true });
      const bytes = readFileSync(path);
      expect(bytes.subarray(1, 4).toString(), "PNG signature").toEqual("PNG");
      expect(statSync(path).size > 20_000, `screenshot size ${statSync(path).size} bytes`).toEqual(true);
      process.stdout.write(`    screenshot: ${path}\n`);
    });
  } catch (err) {
    results.push({ name: "setting up the page", error: (err as Error).stack ?? String(err) });
    process.stdout.write(`  ✕ setting up the page\n      ${(err as Error).stack ?? String(err)}\n`);
  } finally {
    await browser?.close();
    repo.cleanup();
  }
  const failed = results.filter((r) => r.error).length;
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

/** A tiny expect: the message names what was checked, since this runs outside jest. */
function expect<T>(actual: T, what: string) {
  const fail = (wanted: string) => {
    throw new Error(`${what}: expected ${wanted}, got ${JSON.stringify(actual)}`);
  };
  return {
    toEqual: (expected: T) => JSON.stringify(actual) === JSON.stringify(expected) || fail(JSON.stringify(expected)),
    toBeAtLeast: (n: number) => (typeof actual === "number" && actual >= n) || fail(`at least ${n}`),
  };
}

if (require.main === module) {
  run(parseArgs(process.argv.slice(2))).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`${(err as Error).stack}\n0 passed, 1 failed\n`);
      process.exitCode = 1;
    },
  );
}
