import { resolve } from "node:path";
import { checkMutatePaths } from "./cli";

const root = resolve(__dirname, "../..");

describe("npm run mutate's --mutate", () => {
  test.each([
    ["a file", ["--mutate", "src/api/points.ts"]],
    ["a file's lines, and a second file", ["--mutate", "src/api/points.ts:80-95,src/api/fields.ts"]],
    ["lines with columns", ["-m", "src/api/points.ts:80:3-95:10"]],
    ["a glob", ["--mutate", "src/api/*.ts"]],
    ["the = form", ["--mutate=src/api/metricsql.ts"]],
    ["no --mutate at all", ["--concurrency", "1"]],
  ])("takes %s", (_, argv) => {
    expect(() => checkMutatePaths(argv, root)).not.toThrow();
  });

  test.each([
    ["a misspelt file", ["--mutate", "src/api/point.ts"], "src/api/point.ts is no file of the project"],
    [
      "one missing file of two",
      ["--mutate", "src/api/points.ts,src/api/fieldz.ts:1-4"],
      "--mutate src/api/fieldz.ts:1-4",
    ],
    ["the = form", ["--mutate=api/points.ts"], "api/points.ts is no file of the project"],
  ])("refuses %s before Stryker starts, saying what it takes", (_, argv, message) => {
    expect(() => checkMutatePaths(argv, root)).toThrow(message);
    expect(() => checkMutatePaths(argv, root)).toThrow("src/api/points.ts:80-95");
  });
});
