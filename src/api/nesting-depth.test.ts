import { getIntrospectionQuery } from "graphql";
import { LIMITS } from "./limits";
import { nestingDepth } from "./nesting-depth";

describe("nestingDepth", () => {
  test.each([
    ["an empty document", "", 0],
    ["a selection", "{ a }", 1],
    ["selections in selections", "{ a { b { c } } }", 3],
    ["siblings do not add up", "{ a { b } c { d } }", 2],
    ["arguments", "{ a(x: 1) { b } }", 2],
    ["list and object literals", "{ a(x: [[{ y: [1] }]]) }", 6],
    ["variable definitions", "query ($v: [[ID!]]) { a }", 3],
    ["brackets inside a string", '{ a(x: "{{{[[[(((") }', 2],
    ["brackets inside a block string", '{ a(x: """ {{{ \\""" [[[ """) }', 2],
    ["brackets inside a comment", "{ a # {{{[[[\n }", 1],
    ["an unclosed document: what is open counts", "{ a { b { c", 3],
  ])("%s", (_, document, depth) => expect(nestingDepth(document)).toBe(depth));

  test("a deep document is counted without recursion", () => {
    expect(nestingDepth("{".repeat(100_000))).toBe(100_000);
  });

  test("a document the lexer rejects is left to the parser, which says what is wrong", () => {
    expect(nestingDepth('{ a(x: "unterminated) }')).toBeUndefined();
  });

  test(`GraphiQL's introspection query is within the bound of ${LIMITS.maxNestingDepth}`, () => {
    const depth = nestingDepth(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(depth).toBeLessThanOrEqual(LIMITS.maxNestingDepth);
  });
});
