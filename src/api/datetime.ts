import { GraphQLScalarType, Kind } from "graphql";
import { badInput } from "./errors";

/**
 * The DateTime scalar (metrics-api.md §2). Inside the server a DateTime is whole Unix
 * seconds, the unit VictoriaMetrics and the contract's window arithmetic use.
 */

// RFC 3339 date-time; the fraction, if any, must be zero: the API works in whole seconds.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Unix seconds VictoriaMetrics can answer about: 1970-01-01T00:00:00Z .. 9999-12-31T23:59:59Z. */
const MIN_SECONDS = 0;
const MAX_SECONDS = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;

const EXPECTED =
  "expected an RFC 3339 instant in whole seconds between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z, " +
  "e.g. 2024-01-01T00:00:50Z or 2024-01-01T01:00:50+01:00";

/** Parses a DateTime input to Unix seconds, or throws BAD_USER_INPUT saying what is allowed. */
export function parseDateTime(input: unknown): number {
  if (typeof input !== "string") throw badInput(`DateTime must be a string: ${EXPECTED}.`);
  const m = RFC3339.exec(input);
  if (!m) throw badInput(`DateTime is not an RFC 3339 instant: ${EXPECTED}.`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = m[7];
  if (fraction && !/^\.0+$/.test(fraction)) {
    throw badInput(`DateTime has a fractional second; the API works in whole seconds: ${EXPECTED}.`);
  }
  const offsetMinutes = parseOffset(m[8]!);
  const fieldsValid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  if (!fieldsValid || offsetMinutes === undefined)
    throw badInput(`DateTime is not a valid calendar instant: ${EXPECTED}.`);
  // Date.UTC maps years 0..99 to 1900..1999; those are out of range anyway, so say so first.
  const seconds =
    year < 1969 ? -Infinity : Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetMinutes * 60;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw badInput(`DateTime is out of range: ${EXPECTED}.`);
  return seconds;
}

/** Unix seconds to the contract's output form: UTC, no fraction (`2024-01-01T00:00:50Z`). */
export function formatDateTime(seconds: number): string {
  // toISOString is "YYYY-MM-DDTHH:MM:SS.sssZ" for every year the scalar accepts.
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Minutes east of UTC, or undefined for an offset no clock shows (hours > 23, minutes > 59). */
function parseOffset(offset: string): number | undefined {
  if (offset === "Z" || offset === "z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(":").map(Number) as [number, number];
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

export const DateTime = new GraphQLScalarType<number, string>({
  name: "DateTime",
  description: "An RFC 3339 instant in whole seconds. Output is UTC without a fraction: 2024-01-01T00:00:50Z.",
  serialize: (value) => formatDateTime(value as number),
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput(`DateTime must be a string: ${EXPECTED}.`);
    return parseDateTime(ast.value);
  },
});
