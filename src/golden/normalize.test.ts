import { normalize } from "./normalize";

const ctx = { namespace: "ns-1234", modelVersionId: "mv-abcd" };

describe("normalization", () => {
  test("timestamps of the case become ts(N) relative to the time base, whatever their offset or fraction", () => {
    expect(
      normalize(
        { data: { a: ["2024-01-01T00:00:50Z", "2024-01-01T01:00:50.000+01:00", "2023-12-31T23:59:00Z"] } },
        ctx,
      ),
    ).toEqual({ data: { a: ["ts(50)", "ts(50)", "ts(-60)"] } });
  });

  test("the case's namespace and model version id become placeholders, inside messages too", () => {
    expect(normalize({ data: { id: "mv-abcd", note: "model mv-abcd in ns-1234" } }, ctx)).toEqual({
      data: { id: "<model_version_id>", note: "model <model_version_id> in <namespace>" },
    });
  });

  test.each([
    [0.1 + 0.2, 0.3],
    [2 / 3, 0.666666666667],
    [123456789012345, 123456789012000],
    [4, 4],
    [-1e-20 / 3, -3.33333333333e-21],
  ])("a finite number %p is rounded to 12 significant digits: %p", (input, expected) => {
    expect(normalize({ data: { v: input } }, ctx)).toEqual({ data: { v: expected } });
  });

  test("null stays null; non-finite numbers are spelled out", () => {
    expect(normalize({ data: { a: null, b: Infinity, c: NaN } }, ctx)).toEqual({
      data: { a: null, b: "Infinity", c: "NaN" },
    });
  });

  test("errors keep message, extensions.code and path only", () => {
    const answer = {
      data: null,
      errors: [
        {
          message: "model version mv-abcd not found",
          locations: [{ line: 1, column: 3 }],
          path: ["range_model_metrics"],
          extensions: { code: "NOT_FOUND", stacktrace: ["at x"], http: { status: 200 } },
        },
      ],
    };
    expect(normalize(answer, ctx)).toEqual({
      data: null,
      errors: [
        {
          message: "model version <model_version_id> not found",
          extensions: { code: "NOT_FOUND" },
          path: ["range_model_metrics"],
        },
      ],
    });
  });

  test("a string that is only like a timestamp is left alone", () => {
    expect(normalize({ data: { s: "2024-01-01", t: "at 2024-01-01T00:00:00Z" } }, ctx)).toEqual({
      data: { s: "2024-01-01", t: "at 2024-01-01T00:00:00Z" },
    });
  });
});
