import { checkInstant, checkModelVersionId, checkRange } from "./arguments";
import { LIMITS } from "./limits";

const badInput = expect.objectContaining({ extensions: { code: "BAD_USER_INPUT" } });

describe("checkRange", () => {
  test("puts a point at every start + k * step up to end, from an unaligned start", () => {
    expect(checkRange(7, 100, 30).timestamps).toEqual([7, 37, 67, 97]);
  });
  test(`defaults to a step of ${LIMITS.defaultStepSeconds} s`, () => {
    expect(checkRange(0, 120, undefined)).toMatchObject({ step: 60, timestamps: [0, 60, 120] });
    expect(checkRange(0, 120, null).step).toBe(60);
  });
  test("a range of one instant has one point", () => expect(checkRange(5, 5, 1).timestamps).toEqual([5]));
  test(`allows ${LIMITS.maxPoints} points, not one more`, () => {
    expect(checkRange(0, LIMITS.maxPoints - 1, 1).timestamps).toHaveLength(LIMITS.maxPoints);
    expect(() => checkRange(0, LIMITS.maxPoints, 1)).toThrow(badInput);
  });
  test.each([0, -1, 86_401, 1.5])("rejects step %p", (step) => expect(() => checkRange(0, 60, step)).toThrow(badInput));
  test("rejects end before start", () => expect(() => checkRange(1, 0, 1)).toThrow(badInput));
});

describe("checkInstant", () => {
  test("evaluates (start, end] at end over end - start", () =>
    expect(checkInstant(40, 100)).toEqual({ end: 100, seconds: 60 }));
  test.each([
    ["0 s", 0],
    ["400 days and 1 s", 400 * 86_400 + 1],
  ])("rejects a window of %s", (_, seconds) => expect(() => checkInstant(0, seconds)).toThrow(badInput));
  test("allows 1 s and 400 days", () => {
    expect(checkInstant(0, 1).seconds).toBe(1);
    expect(checkInstant(0, 400 * 86_400).seconds).toBe(400 * 86_400);
  });
});

test.each(["a", "A0._:-z", "m".repeat(128)])("accepts the id %p", (id) => expect(checkModelVersionId(id)).toBe(id));
test.each(["", "-a", ".a", "a b", 'a"', "a\n", "a{", "m".repeat(129)])("rejects the id %p", (id) =>
  expect(() => checkModelVersionId(id)).toThrow(badInput),
);
