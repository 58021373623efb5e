import { SeriesError } from "./errors";
import type { Scrape } from "./scrape";
import { checkSeparators } from "./separators";

/** One scrape of a notation series: a value, null for no sample, NaN for a staleness marker. */
export type Point = number | null;

const NUM = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const VALUE = new RegExp(`^([+-]?)(${NUM})$`);
const SEQUENCE = new RegExp(`^([+-]?)(${NUM})(?:([+-])(${NUM}))?x(\\d+)$`);
const BLANKS = /^_x(\d+)$/;

const ALLOWED =
  "allowed: a number (1, -2.5, 1e3), a+bxn or a-bxn (n+1 values from a in steps of b), " +
  "axn (n+1 copies of a), _ (no sample), _xn (n missing samples), stale (a staleness marker)";

const FINITE =
  "values must be finite (VictoriaMetrics drops NaN samples, and the API reads ±Inf as no value); " +
  "use _ for a missing sample or stale for a staleness marker";

/** What one token gives: `count` points, from `first` in steps of `step` (null: blanks; NaN: a marker). */
interface Run {
  readonly token: string;
  readonly index: number;
  readonly first: Point;
  readonly step: number;
  readonly count: bigint;
}

/**
 * Expands promtool's `input_series` notation (`0+10x5 _x2 100 stale`) as Prometheus'
 * series-description grammar reads it (promql/parser/generated_parser.y, lex.go): `axn` and
 * `a+bxn` give n+1 values but `_xn` gives n blanks; the step accumulates as Prometheus adds it
 * (so 0.1+0.1x2 ends at 0.30000000000000004); counts are decimal. What it refuses that
 * Prometheus reads (NaN, Inf, leading zeros, stale with a count or step, an empty notation) is
 * listed with the reasons in the README.
 *
 * The whole notation is read and its length checked against the scrape's ticks before any run
 * is expanded: a mistyped count (1x18446744073709551616) is an error, not a heap overflow.
 */
export function parseNotation(text: string, where: string, scrape: Pick<Scrape, "ticks" | "everyMs">): Point[] {
  const runs = readRuns(text, where);
  const length = runs.reduce((sum, r) => sum + r.count, 0n);
  const ticks = scrape.ticks.length;
  if (length > BigInt(ticks)) {
    throw new SeriesError(
      `${where}: the notation gives ${length} samples but the scrape has only ${ticks} ticks ` +
        `(every ${scrape.everyMs / 1000} s); shorten the notation or widen the case's scrape`,
    );
  }
  const points: Point[] = [];
  for (const run of runs) expand(run, points, where);
  return points;
}

function readRuns(text: string, where: string): Run[] {
  if (typeof text !== "string")
    throw new SeriesError(`${where}: the notation must be a string such as "0+10x5 _x2 stale"`);
  checkSeparators(text, where);
  const tokens = text.split(/[ \t\n\r]+/).filter((t) => t !== "");
  if (tokens.length === 0) {
    throw new SeriesError(`${where}: the notation is empty: a series without samples stores nothing; ${ALLOWED}`);
  }
  return tokens.map((token, index) => readRun(token, index, where));
}

function readRun(token: string, index: number, where: string): Run {
  const bad = (why: string) => new SeriesError(`${where}: token ${index + 1} ${JSON.stringify(token)} ${why}`);
  const number = (sign: string, digits: string): number => {
    // Prometheus reads a number with ParseInt(s, 0) first, so 010 is octal 8; but 018 fails
    // that and is read as decimal 18, and so is 010.5. Such a number is a typo more often than
    // octal meant, and reading it either way would surprise someone: it is refused.
    if (/^0\d/.test(digits)) {
      throw bad(
        `is not accepted: ${digits} has a leading zero; Prometheus reads a whole number with one as octal (010 is 8) ` +
          "unless it has an 8 or 9 (018 is 18): write it without the zero",
      );
    }
    const value = Number(sign + digits);
    if (!Number.isFinite(value)) throw bad(`is not accepted: ${FINITE}`);
    return value;
  };
  const run = (first: Point, step: number, count: bigint): Run => ({ token, index, first, step, count });

  let m: RegExpExecArray | null;
  if (token === "_") return run(null, 0, 1n);
  if (token === "stale") return run(NaN, 0, 1n);
  if ((m = BLANKS.exec(token))) return run(null, 0, BigInt(m[1]!));
  if ((m = VALUE.exec(token))) return run(number(m[1]!, m[2]!), 0, 1n);
  if ((m = SEQUENCE.exec(token))) {
    const step = m[3] === undefined ? 0 : number(m[3], m[4]!);
    return run(number(m[1]!, m[2]!), step, BigInt(m[5]!) + 1n);
  }
  if (/inf|nan/i.test(token)) throw bad(`is not accepted: ${FINITE}`);
  if (/^stale/.test(token)) {
    // Prometheus' grammar takes stale+0x2, but adding the step to the marker's NaN clears the
    // bits that make it a marker: only the first value is one (promtool 2.42 shows NaN after it).
    throw bad(
      "is not accepted: stale stands alone, one marker per token (write stale stale for two; " +
        "Prometheus reads stale+0x2 as one marker and then ordinary NaNs, which VictoriaMetrics drops)",
    );
  }
  if (/^[+-]?[\d.]+[+-][\d.]+$/.test(token)) throw bad("is not valid: a step needs a count, as in 1+2x3");
  throw bad(`is not valid; ${ALLOWED}`);
}

/** Appends a run's points; counts were checked against the ticks, so they fit in a number. */
function expand(run: Run, points: Point[], where: string): void {
  let value = run.first;
  for (let k = 1, n = Number(run.count); k <= n; k++) {
    if (value !== null && !Number.isFinite(value) && !Number.isNaN(value)) {
      throw new SeriesError(
        `${where}: token ${run.index + 1} ${JSON.stringify(run.token)} is not accepted: its value ${k} is ${value}; ${FINITE}`,
      );
    }
    points.push(value);
    if (value !== null) value += run.step;
  }
}
