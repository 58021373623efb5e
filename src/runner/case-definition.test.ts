import { validateCase } from "./case-definition";

const valid = () => ({
  name: "a case",
  data() {},
  queries: { range: { query: "{ x }", tolerance: { "a[*].p99": { rel: 0.01 } } } },
});

describe("a case definition", () => {
  test("as the README shows it is accepted", () => {
    expect(() => validateCase(valid(), "cases/a.case.ts")).not.toThrow();
  });

  test.each([
    [
      "a misspelt case key",
      { ...valid(), queriez: {} },
      'cases/a.case.ts: goldenCase({...}) has no "queriez"; it takes name, scrape, namespaceSuffix, data, queries',
    ],
    ["no queries", { ...valid(), queries: {} }, "queries must name at least one query"],
    ["queries as an array", { ...valid(), queries: [{ query: "{ x }" }] }, "queries must name at least one query"],
    [
      "a misspelt query key",
      { ...valid(), queries: { range: { query: "{ x }", tolerence: {} } } },
      'queries.range has no "tolerence"; it takes query, variables, tolerance, check',
    ],
    [
      "an empty query",
      { ...valid(), queries: { range: { query: " " } } },
      "queries.range.query must be a GraphQL document string",
    ],
    [
      "a number for a tolerance",
      { ...valid(), queries: { range: { query: "{ x }", tolerance: 0.5 } } },
      "queries.range.tolerance must map path patterns to { abs?, rel? }",
    ],
    [
      "a negative rel",
      { ...valid(), queries: { range: { query: "{ x }", tolerance: { p: { rel: -1 } } } } },
      'queries.range.tolerance["p"] must be { abs?: number >= 0, rel?: number >= 0 }',
    ],
    [
      "an unknown tolerance key",
      { ...valid(), queries: { range: { query: "{ x }", tolerance: { p: { relative: 1 } } } } },
      'queries.range.tolerance["p"] must be',
    ],
    ["data that is not a function", { ...valid(), data: {} }, "data must be a function"],
    ["an empty namespace suffix", { ...valid(), namespaceSuffix: "" }, "namespaceSuffix must be a non-empty string"],
    [
      "a namespace suffix that is no string",
      { ...valid(), namespaceSuffix: 7 },
      "namespaceSuffix must be a non-empty string",
    ],
  ])("with %s is refused, naming the file and the field", (_, definition, message) => {
    expect(() => validateCase(definition, "cases/a.case.ts")).toThrow(message);
  });
});
