import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaseRecord } from "./run-record";
import { mergeShards } from "./merge-shards";
import { readShardRecords, writeShardRecord } from "./shard-record";

/** The project is `dir`; a record's paths are absolute, as a run writes them. */
const record = (name: string): CaseRecord => ({
  caseFile: join(dir, "cases", `${name}.case.ts`),
  caseName: name,
  goldenFile: join(dir, "__golden__", `${name}.snap`),
  queries: { q: "unchanged" },
  obsolete: [],
  removed: [],
});

let dir: string;
let shards: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "shard-record-"));
  shards = join(dir, ".golden-shards");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("every shard's records, read back as one run's", () => {
  writeShardRecord(dir, { index: 2, count: 2 }, "none", [record("b")]);
  writeShardRecord(dir, { index: 1, count: 2 }, "none", []);
  const merged = readShardRecords(dir);
  expect(merged).toEqual({ records: [record("b")], mode: "none", count: 2 });
  // kept relative to the project: CI's checkout is not the one that may merge
  expect(readFileSync(join(shards, "shard-2-of-2.json"), "utf8")).toContain('"caseFile":"cases/b.case.ts"');
});

test("a missing shard is named: obsolete goldens are decided over every case module", () => {
  writeShardRecord(dir, { index: 1, count: 3 }, "none", [record("a")]);
  expect(() => readShardRecords(dir)).toThrow(`${shards}: shard 2, 3 of 3 missing.`);
});

test("records of two runs are not merged", () => {
  writeShardRecord(dir, { index: 1, count: 2 }, "none", []);
  writeShardRecord(dir, { index: 2, count: 3 }, "none", []);
  expect(() => readShardRecords(dir)).toThrow("records of different runs (shard-1-of-2.json, shard-2-of-3.json)");
});

test("no records says how a run writes them", () => {
  mkdirSync(shards);
  writeFileSync(join(shards, "notes.txt"), "");
  expect(() => readShardRecords(dir)).toThrow("no shard records (shard-<i>-of-<n>.json). A run with jest's --shard");
  expect(() => readShardRecords(dir, join(dir, "nothing"))).toThrow("no shard records");
});

test("shards that ran with other case modules are refused: between them, or against this checkout", () => {
  mkdirSync(join(dir, "cases"));
  writeFileSync(join(dir, "cases", "a.case.ts"), "// one version\n");
  writeShardRecord(dir, { index: 1, count: 2 }, "none", [record("a")]);
  writeFileSync(join(dir, "cases", "a.case.ts"), "// edited\n");
  writeShardRecord(dir, { index: 2, count: 2 }, "none", []);
  expect(() => readShardRecords(dir)).toThrow("the shards ran with different case modules");
  writeShardRecord(dir, { index: 1, count: 2 }, "none", [record("a")]); // shard 1 again: now they agree
  expect(readShardRecords(dir).records).toEqual([record("a")]);
  writeFileSync(join(dir, "cases", "a.case.ts"), "// edited after the shards ran\n");
  expect(() => readShardRecords(dir)).toThrow("these shards ran with other case modules");
});

test("the target's schema a shard asked goes with its records to the merge; a shard that got none gives way", () => {
  const introspection = { __schema: { queryType: { name: "Query" }, types: [], directives: [] } } as never;
  writeShardRecord(dir, { index: 1, count: 3 }, "none", [record("a")], { target: "the reference API", error: "down" });
  writeShardRecord(dir, { index: 2, count: 3 }, "none", [record("b")], { target: "the reference API", introspection });
  writeShardRecord(dir, { index: 3, count: 3 }, "none", []);
  expect(readShardRecords(dir).schema).toEqual({ target: "the reference API", introspection });
});

test("a record cut short is named, not a stack trace", () => {
  mkdirSync(shards);
  writeFileSync(join(shards, "shard-1-of-1.json"), '{"shard":{"index":1,');
  expect(() => readShardRecords(dir)).toThrow(/shard-1-of-1\.json: not a shard record \(.*\)\. Take it again/);
});

test("merge-shards fails on a case module no shard recorded (it failed to load), as an unsharded run does", () => {
  mkdirSync(join(dir, "cases"), { recursive: true });
  for (const name of ["a", "broken"]) writeFileSync(join(dir, "cases", `${name}.case.ts`), "");
  writeShardRecord(dir, { index: 1, count: 1 }, "none", [record("a")]);
  const { text, code } = mergeShards(dir);
  expect(code).toBe(1);
  expect(text).toContain("case modules no shard recorded: cases/broken.case.ts. Each failed before its queries ran");
});
