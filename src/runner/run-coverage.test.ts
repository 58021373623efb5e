import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSchema, introspectionFromSchema } from "graphql";
import type { TargetContext } from "../run/context";
import type { CaseRecord } from "./run-record";
import { ts } from "../series/time";
import { readCoverageRecord } from "../coverage/coverage-file";
import { concludeCoverage, targetSchema, whyPartial } from "./run-coverage";
import { factsOf } from "../coverage/test-support";

// The end of a run, without a child jest: a project dir with case modules, their records, and a
// stand-in target that answers the run service's /headers and GraphQL introspection.

const SCHEMA = buildSchema(`
  type Query { volume(model_version_id: ID!, start: String!, end: String!): Volume }
  type Volume { requests: Float, errors: Float }
`);

let root: string;
let server: Server;
let target: TargetContext;
let introspection: unknown;

beforeAll(async () => {
  server = createServer((request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(request.url === "/headers" ? { headers: {} } : introspection));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  target = { url: `${url}/graphql`, service: url, token: "t", failureCodes: [] };
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "golden-coverage-"));
  mkdirSync(join(root, "cases"));
  introspection = { data: introspectionFromSchema(SCHEMA) };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The end of an unsharded run: the target asked for its schema, then the verdict. */
const runCoverage = async (records: CaseRecord[], ci: boolean) =>
  concludeCoverage(root, records, await targetSchema(target), ci);

/** A case module `name` that asks `fields` of `volume`, and its record; `ran`: the queries this run ran. */
function record(name: string, fields: string, ran = ["q"]): CaseRecord {
  const caseFile = join(root, "cases", `${name}.case.ts`);
  writeFileSync(caseFile, "");
  const facts = factsOf((b) => b.counter("model_requests_total").inc(ts(10)), {
    queries: {
      q: {
        document: `{ volume(model_version_id: "mv", start: "${ts(0).toISOString()}", end: "${ts(60).toISOString()}") { ${fields} } }`,
        variables: {},
      },
    },
  });
  const queries = Object.fromEntries(ran.map((q) => [q, "unchanged" as const]));
  return { caseFile, caseName: name, goldenFile: "", queries, obsolete: [], removed: [], facts };
}

describe("the coverage at the end of a run", () => {
  test("a field no case queries fails a CI run, naming it; outside CI it is a warning; either way the table is shown and kept for the report", async () => {
    const records = [record("a", "requests")];
    const ci = await runCoverage(records, true);
    expect(ci.failure).toContain("CI=true: 1 schema field no case queries: Volume.errors.");
    expect(ci.text).toContain("coverage of the metrics surface: 2 of 3 schema fields and 3 of 3 arguments are queried");
    const local = await runCoverage(records, false);
    expect(local.failure).toBeUndefined();
    expect(local.text).toContain("warning: 1 schema field no case queries: Volume.errors.");
    expect(readCoverageRecord(root)?.model.gaps.uncovered).toEqual(["Volume.errors"]);
  });

  test("a line of cases/accepted-gaps.txt accepts the gap; a malformed one is refused in any mode", async () => {
    const records = [record("a", "requests")];
    writeFileSync(join(root, "cases", "accepted-gaps.txt"), "Volume.errors: no errors yet\n");
    expect(await runCoverage(records, true)).toMatchObject({
      text: expect.stringContaining("accepted gap (cases/accepted-gaps.txt:1): Volume.errors: no errors yet"),
    });
    expect((await runCoverage(records, true)).failure).toBeUndefined();
    writeFileSync(join(root, "cases", "accepted-gaps.txt"), "Volume.errors\n");
    await expect(runCoverage(records, false)).rejects.toThrow(
      'cases/accepted-gaps.txt:1: "Volume.errors" is not an accepted gap',
    );
  });

  test("a target that refuses introspection fails a CI run, saying what the coverage needs; outside CI it warns", async () => {
    introspection = { errors: [{ message: "introspection is disabled" }] };
    const records = [record("a", "requests errors")];
    const ci = await runCoverage(records, true);
    expect(ci.failure).toContain(
      `coverage of the metrics surface: not shown: the target at ${target.url} did not answer GraphQL introspection (introspection is disabled).`,
    );
    expect((await runCoverage(records, false)).text).toMatch(/^warning: coverage of the metrics surface: not shown/);
  });

  test("a partial run shows no table and never fails for coverage: some case modules, a -t filter, data not built", async () => {
    const all = [record("a", "requests"), record("b", "errors")];
    expect(whyPartial(root, all)).toBeUndefined();
    expect(whyPartial(root, all.slice(1))).toBe("this run ran 1 of 2 case modules");
    expect(whyPartial(root, [all[0]!, record("b", "errors", [])])).toBe(
      "a -t filter left out queries of cases/b.case.ts",
    );
    const { facts: _, ...unbuilt } = all[1]!;
    expect(whyPartial(root, [all[0]!, unbuilt])).toBe("the data of cases/b.case.ts was not built");
    const partial = await concludeCoverage(root, all.slice(1), undefined, true);
    expect(partial).toEqual({
      text: "coverage of the metrics surface: not shown, as this run ran 1 of 2 case modules; a run of every case module shows it (npm test, or npm test -- cases).",
    });
    expect(readCoverageRecord(root)).toBeUndefined();
  });

  test("the merge of a sharded run whose shards kept no schema says so: a CI run fails, else a warning", () => {
    const records = [record("a", "requests")];
    expect(concludeCoverage(root, records, undefined, true).failure).toBe(
      "coverage of the metrics surface: not shown: no record of this run holds the target's schema",
    );
    expect(concludeCoverage(root, records, undefined, false).text).toMatch(/^warning: /);
  });
});
