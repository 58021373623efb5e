// Shared by the tests beside it: a throwaway git repository holding goldens (and case modules),
// and golden files written from plain values, so a test states its before and after as data.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { serializeGolden } from "../golden/golden-file";
import type { Json } from "../golden/json";

/** A golden file's text from query name → answer, laid out as JSON (prettier's layout is not needed to parse). */
export const goldenText = (entries: Record<string, Json>): string =>
  serializeGolden(new Map(Object.entries(entries).map(([query, answer]) => [query, JSON.stringify(answer, null, 2)])));

/** A range answer: `field` is a list of { timestamp: ts(step * i), [key]: value }. */
export function rangeAnswer(field: string, key: string, values: (number | null)[], step = 30): Json {
  return {
    data: { range_model_metrics: { [field]: values.map((v, i) => ({ timestamp: `ts(${i * step})`, [key]: v })) } },
  };
}

export const errorAnswer = (code: string, message: string): Json => ({
  data: null,
  errors: [{ message, extensions: { code }, path: ["range_model_metrics"] }],
});

export class TempRepo {
  readonly dir = mkdtempSync(join(tmpdir(), "golden-report-"));

  constructor() {
    this.git("init", "-q", "-b", "main");
  }

  git(...args: string[]): string {
    return execFileSync(
      "git",
      ["-c", "user.email=test@example.invalid", "-c", "user.name=test", "-c", "commit.gpgsign=false", ...args],
      {
        cwd: this.dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    ).trim();
  }

  write(path: string, text: string): this {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), text);
    return this;
  }

  golden(caseName: string, entries: Record<string, Json>): this {
    return this.write(`__golden__/${caseName}.snap`, goldenText(entries));
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), "utf8");
  }

  remove(path: string): this {
    rmSync(join(this.dir, path), { force: true });
    return this;
  }

  commit(message = "goldens"): string {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD");
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
