import { formatDateTime, parseDateTime } from "./datetime";

const T = Date.UTC(2024, 0, 1, 0, 0, 50) / 1000;

test.each([
  ["Z", "2024-01-01T00:00:50Z", T],
  ["lower-case t and z", "2024-01-01t00:00:50z", T],
  ["a zero fraction", "2024-01-01T00:00:50.000Z", T],
  ["an offset east", "2024-01-01T01:00:50+01:00", T],
  ["an offset west crossing the year", "2023-12-31T19:30:50-04:30", T],
  ["a leap day", "2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29) / 1000],
  ["the first second allowed", "1970-01-01T00:00:00Z", 0],
  ["the last second allowed", "9999-12-31T23:59:59Z", Date.UTC(9999, 11, 31, 23, 59, 59) / 1000],
])("parses %s", (_, input, seconds) => expect(parseDateTime(input)).toBe(seconds));

test.each([
  ["a fraction", "2024-01-01T00:00:50.5Z"],
  ["no zone", "2024-01-01T00:00:50"],
  ["February 29th of a common year", "2023-02-29T00:00:00Z"],
  ["hour 24", "2024-01-01T24:00:00Z"],
  ["a year that Date.UTC would read as 1970", "0070-01-01T00:00:00Z"],
  ["a five-digit year", "10000-01-01T00:00:00Z"],
  ["an offset without colon", "2024-01-01T00:00:50+0100"],
  ["a number", 1704067250],
])("rejects %s with BAD_USER_INPUT", (_, input) => {
  expect(() => parseDateTime(input)).toThrow(expect.objectContaining({ extensions: { code: "BAD_USER_INPUT" } }));
});

test("formats UTC, whole seconds, no fraction", () => {
  expect(formatDateTime(T)).toBe("2024-01-01T00:00:50Z");
  expect(formatDateTime(0)).toBe("1970-01-01T00:00:00Z");
});
