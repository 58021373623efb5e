import { declaredVariables, locateInSource } from "./query-document";

describe("a case's GraphQL document, read without graphql-js", () => {
  test("declares the variables of its definitions, not those it uses, nor any in strings or comments", () => {
    const document = `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
      # $commented: Int
      range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 30) {
        inference_volume(note: "$quoted: x") { timestamp }
      }
    }`;
    expect([...declaredVariables(document)]).toEqual(["model_version_id", "start", "end"]);
  });

  test("a place in the document is found in the case file's lines", () => {
    const document = "query {\n  range_model_metrics(\n}";
    const source = `import x from "y";\n\nconst q = \`${document}\`;\n`;
    expect(locateInSource(source, document, { line: 3, column: 1 })).toEqual({ line: 5, column: 1 });
    expect(locateInSource(source, document, { line: 1, column: 7 })).toEqual({ line: 3, column: 18 });
    expect(locateInSource(source, "not there", { line: 1, column: 1 })).toBeUndefined();
  });
});
