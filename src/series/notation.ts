import { SeriesError } from "./errors";

/** One scrape of a notation series: a value, null for no sample, NaN for a staleness marker. */
export type Point = number | null;

const NUM = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const VALUE = new RegExp(`^([+-]?${NUM})$`);
const SEQUENCE = new RegExp(`^([+-]?${NUM})(?:([+-])(${NUM}))?x(\\d+)$`);
const BLANKS = /^_x(\d+)$/;

const ALLOWED =
  "allowed: a number (1, -2.5, 1e3), a+bxn or a-bxn (n+1 values from a in steps of b), " +
  "axn (n+1 copies of a), _ (no sample), _xn (n missing samples), stale (a staleness marker)";

/**
 * Expands promtool's `input_series` notation (`0+10x5 _x2 100 stale`), read from Prometheus'
 * series-description grammar: `axn` and `a+bxn` give n+1 values but `_xn` gives n blanks;
 * the step accumulates as promtool adds it (so 0.1+0.1x2 ends at 0.30000000000000004).
 */
export function parseNotation(text: string, where: string): Point[] {
  if (typeof text !== "string" || text.trim() === "") {
    throw new SeriesError(`${where}: the notation is empty; ${ALLOWED}`);
  }
  const points: Point[] = [];
  text.trim().split(/\s+/).forEach((token, index) => {
    const bad = (why: string) => new SeriesError(`${where}: token ${index + 1} ${JSON.stringify(token)} ${why}`);
    let m: RegExpExecArray | null;
    if (token === "_") points.push(null);
    else if (token === "stale") points.push(NaN);
    else if ((m = BLANKS.exec(token))) for (let n = Number(m[1]); n > 0; n--) points.push(null);
    else if ((m = VALUE.exec(token))) points.push(Number(m[1]));
    else if ((m = SEQUENCE.exec(token))) {
      let value = Number(m[1]);
      const step = m[2] === undefined ? 0 : Number(`${m[2]}${m[3]}`);
      for (let n = Number(m[4]); n >= 0; n--, value += step) points.push(value);
    } else if (/^[+-]?(inf|nan)/i.test(token)) {
      throw bad("is not accepted: values must be finite (VictoriaMetrics drops NaN samples); use _ for a missing sample or stale for a staleness marker");
    } else if (/^stale/.test(token)) {
      throw bad("is not valid: stale stands alone, one marker per token (write stale stale for two)");
    } else if (/^[+-]?[\d.]+[+-][\d.]+$/.test(token)) {
      throw bad("is not valid: a step needs a count, as in 1+2x3");
    } else {
      throw bad(`is not valid; ${ALLOWED}`);
    }
  });
  return points;
}
