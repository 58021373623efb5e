import { declaredTolerances } from "./case-tolerance";

const caseModule = (queries: string) => `
import { goldenCase, ts } from "../src";
const loose = { "x.y": { abs: 1 } };
export default goldenCase({ name: "c", data() {}, queries: { ${queries} } });
`;

describe("reading a case module's declared tolerances from its source", () => {
  test.each([
    ["no tolerance", `range: { query: "{}" }`, {}, []],
    [
      "a literal rule",
      `range: { query: "{}", tolerance: { "a[*].p99": { abs: 0.01 } } }`,
      { range: { "a[*].p99": { abs: 0.01 } } },
      [],
    ],
    [
      "several patterns, identifier keys, exponents",
      `'q-1': { tolerance: { p: { rel: 1e-3, abs: 2 }, "m.*[*].v": { rel: 0.5 } } }`,
      { "q-1": { p: { rel: 0.001, abs: 2 }, "m.*[*].v": { rel: 0.5 } } },
      [],
    ],
    ["a variable", `range: { query: "{}", tolerance: loose }`, {}, ["range"]],
    ["a spread", `range: { query: "{}", tolerance: { ...loose } }`, {}, ["range"]],
    ["a computed bound", `range: { query: "{}", tolerance: { "x": { abs: 1 / 100 } } }`, {}, ["range"]],
    ["a query given by a variable that declares one", `range: makeQuery({ tolerance: loose })`, {}, ["range"]],
    ["a query given by a variable", `range: plainQuery`, {}, ["range"]],
  ])("%s", (_, queries, byQuery, notLiteral) => {
    const found = declaredTolerances(caseModule(queries));
    expect(Object.fromEntries(found.byQuery)).toEqual(byQuery);
    expect(found.notLiteral).toEqual(notLiteral);
  });

  test("queries given as a whole by a variable cannot be read, and are named so", () => {
    expect(declaredTolerances(`export default goldenCase({ name: "c", queries: shared });`).notLiteral).toEqual([
      "queries",
    ]);
  });

  test("decorators and an optional call of goldenCase are read as TypeScript allows them", () => {
    const source = `@sealed class Helper { accessor n = 1; @logged m() {} }
export default goldenCase?.({ queries: { q: { tolerance: { a: { abs: 1 } } } } });`;
    expect(Object.fromEntries(declaredTolerances(source).byQuery)).toEqual({ q: { a: { abs: 1 } } });
  });

  test("a module its parser cannot read declares nothing it can see, and says so", () => {
    expect(declaredTolerances(`export default goldenCase({ queries: { q: { tolerance: { a: { abs: 1 } } }`)).toEqual({
      byQuery: new Map(),
      notLiteral: ["queries"],
    });
  });

  test("a module without goldenCase declares nothing", () => {
    expect(declaredTolerances(`export const x = { queries: { q: { tolerance: { a: { abs: 1 } } } } };`)).toEqual({
      byQuery: new Map(),
      notLiteral: [],
    });
  });
});
