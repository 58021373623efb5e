import { SeriesError } from "./errors";
import type { Labels } from "./labels";

/**
 * Reads a series as promtool's input_series names it: `name` or `name{a="1", b='2'}`, with
 * PromQL's quoted strings (backslash escapes). Names are checked by the caller.
 */
export function parseSelector(text: string, where: string): { name: string; labels: Labels } {
  let pos = 0;
  const fail = (expected: string): never => {
    throw new SeriesError(`${where}: expected ${expected} at position ${pos} of ${JSON.stringify(text)}`);
  };
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const word = (pattern: RegExp, expected: string) => {
    const m = pattern.exec(text.slice(pos));
    if (!m) return fail(expected);
    pos += m[0].length;
    return m[0];
  };
  const quoted = (): string => {
    const quote = text[pos];
    if (quote !== '"' && quote !== "'") return fail("a quoted label value");
    let out = "";
    for (pos++; pos < text.length; pos++) {
      const c = text[pos]!;
      if (c === quote) {
        pos++;
        return out;
      }
      if (c === "\\") {
        const e = text[++pos];
        out += e === "n" ? "\n" : e === "t" ? "\t" : e ?? "";
      } else out += c;
    }
    return fail(`a closing ${quote}`);
  };

  if (typeof text !== "string") return fail("a series such as name{label=\"value\"}");
  skipSpace();
  const name = word(/^[a-zA-Z_:][a-zA-Z0-9_:]*/, "a metric name");
  const labels: Labels = {};
  skipSpace();
  if (text[pos] === "{") {
    pos++;
    for (skipSpace(); text[pos] !== "}"; skipSpace()) {
      const label = word(/^[a-zA-Z_][a-zA-Z0-9_]*/, 'a label name or "}"');
      skipSpace();
      if (text[pos] !== "=") fail('"=" after the label name');
      pos++;
      skipSpace();
      if (label in labels) throw new SeriesError(`${where}: the label ${label} is given twice`);
      labels[label] = quoted();
      skipSpace();
      if (text[pos] === ",") pos++;
      else if (text[pos] !== "}") fail('"," or "}"');
    }
    pos++;
    skipSpace();
  }
  if (pos < text.length) fail("the end of the series (values go in the second argument)");
  return { name, labels };
}
