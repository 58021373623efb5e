import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaseRecord } from "./run-record";
import { mergeShards } from "./merge-shards";
import { readShardRecords, writeShardRecord } from "./shard-record";

const record = (caseFile: string): CaseRecord => ({
  caseFile,
  caseName: caseFile,
  goldenFile: `${caseFile}.snap`,
  queries: { q: "unchanged" },
  obsolete: [],
  removed: [],
});

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "shard-record-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("every shard's records, read back as one run's", () => {
  writeShardRecord(dir, { index: 2, count: 2 }, "none", [record("b")]);
  writeShardRecord(dir, { index: 1, count: 2 }, "none", []);
  const merged = readShardRecords(dir);
  expect(merged).toEqual({ records: [record("b")], mode: "none", count: 2 });
});

test("a missing shard is named: obsolete goldens are decided over every case module", () => {
  writeShardRecord(dir, { index: 1, count: 3 }, "none", [record("a")]);
  expect(() => readShardRecords(dir)).toThrow(`${dir}: shard 2, 3 of 3 missing.`);
});

test("records of two runs are not merged", () => {
  writeShardRecord(dir, { index: 1, count: 2 }, "none", []);
  writeShardRecord(dir, { index: 2, count: 3 }, "none", []);
  expect(() => readShardRecords(dir)).toThrow("records of different runs (shard-1-of-2.json, shard-2-of-3.json)");
});

test("no records says how a run writes them", () => {
  writeFileSync(join(dir, "notes.txt"), "");
  expect(() => readShardRecords(dir)).toThrow("no shard records (shard-<i>-of-<n>.json). A run with jest's --shard");
  expect(() => readShardRecords(join(dir, "nothing"))).toThrow("no shard records");
});

test("the target's schema a shard asked goes with its records to the merge; a shard that got none gives way", () => {
  const introspection = { __schema: { queryType: { name: "Query" }, types: [], directives: [] } } as never;
  writeShardRecord(dir, { index: 1, count: 3 }, "none", [record("a")], { target: "the reference API", error: "down" });
  writeShardRecord(dir, { index: 2, count: 3 }, "none", [record("b")], { target: "the reference API", introspection });
  writeShardRecord(dir, { index: 3, count: 3 }, "none", []);
  expect(readShardRecords(dir).schema).toEqual({ target: "the reference API", introspection });
});

test("a record cut short is named, not a stack trace", () => {
  writeFileSync(join(dir, "shard-1-of-1.json"), '{"shard":{"index":1,');
  expect(() => readShardRecords(dir)).toThrow(/shard-1-of-1\.json: not a shard record \(.*\)\. Take it again/);
});

test("merge-shards fails on a case module no shard recorded (it failed to load), as an unsharded run does", () => {
  const root = join(dir, "project");
  mkdirSync(join(root, "cases"), { recursive: true });
  for (const name of ["a", "broken"]) writeFileSync(join(root, "cases", `${name}.case.ts`), "");
  writeShardRecord(join(root, ".golden-shards"), { index: 1, count: 1 }, "none", [
    record(join(root, "cases/a.case.ts")),
  ]);
  const { text, code } = mergeShards(root);
  expect(code).toBe(1);
  expect(text).toContain("case modules no shard recorded: cases/broken.case.ts. Each failed before its queries ran");
});
