import { SeriesError } from "./errors";
import { readGoString, type Fail } from "./go-string";
import type { Labels } from "./labels";
import { isSeparator, NOT_A_SEPARATOR, oddSpace } from "./separators";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/**
 * Reads a series as promtool's input_series names it and Prometheus' series-description grammar
 * reads it: `name` or `name{a="1", b='2', c=`3`,}`, the braces right after the name, label values
 * as Go string literals (go-string.ts), spaces as Prometheus' lexer takes them (separators.ts).
 * One difference, on purpose: the name is required (see the README). Names are checked by the caller.
 */
export function parseSelector(text: string, where: string): { name: string; labels: Labels } {
  let pos = 0;
  const fail: Fail = (what, at, rest = "") => {
    throw new SeriesError(`${where}: ${what} at position ${at} of ${JSON.stringify(text)}${rest}`);
  };
  const skipSpace = () => {
    while (isSeparator(text[pos])) pos++;
    const odd = oddSpace(text[pos]);
    if (odd) fail(odd, pos, ` ${NOT_A_SEPARATOR}`);
  };
  const word = (pattern: RegExp, expected: string) => {
    const m = pattern.exec(text.slice(pos));
    if (!m) return fail(`expected ${expected}`, pos);
    pos += m[0].length;
    return m[0];
  };

  if (typeof text !== "string")
    throw new SeriesError(`${where}: the series must be a string such as name{label="value"}`);
  skipSpace();
  if (text[pos] === "{") {
    throw new SeriesError(
      `${where}: the series has no metric name; Prometheus' notation allows ${text.trim()} without one, but the API ` +
        `under test selects every metric by name, so no query would see it: write name${text.trim()}`,
    );
  }
  const name = word(METRIC_NAME, "a metric name");
  const labels: Labels = {};
  if (text[pos] === "{") {
    pos++;
    for (skipSpace(); text[pos] !== "}"; skipSpace()) {
      const label = word(LABEL_NAME, 'a label name or "}"');
      skipSpace();
      if (text[pos] !== "=") fail('expected "=" after the label name', pos);
      pos++;
      skipSpace();
      if (label in labels) throw new SeriesError(`${where}: the label ${label} is given twice`);
      const { value, end } = readGoString(text, pos, fail);
      labels[label] = value;
      pos = end;
      skipSpace();
      if (text[pos] === ",") pos++;
      else if (text[pos] !== "}") fail('expected "," or "}"', pos);
    }
    pos++;
  } else {
    const afterName = pos;
    skipSpace();
    if (text[pos] === "{") {
      fail(
        'a space between the metric name and "{"',
        afterName,
        `; Prometheus reads what follows a space as values: write ${name}{...}`,
      );
    }
    pos = afterName;
  }
  skipSpace();
  if (pos < text.length) fail("expected the end of the series (values go in the second argument)", pos);
  return { name, labels };
}
