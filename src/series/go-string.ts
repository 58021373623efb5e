/**
 * Go string literals as PromQL's lexer and unquoting read them (promql/parser/lex.go lexString,
 * lexRawString, lexEscape; util/strutil/quote.go): label values in a series selector.
 *
 * - `"..."` and `'...'` take the escapes \a \b \f \n \r \t \v \\ and their own quote (a `'` in
 *   "..." is written as it is, and \' there is an unknown escape); \NNN (3 octal digits, at most
 *   \377) and \xNN give one byte each; \uNNNN and \UNNNNNNNN a code point, not a surrogate, at
 *   most U+10FFFF. A line break cannot appear in them.
 * - `` `...` `` is raw: no escapes, line breaks and carriage returns kept as they are.
 *
 * Bytes from \x and octal escapes are read as UTF-8 together with the text around them, as Go
 * does (`\xe7\x82\xac` is 炬). Where they are not UTF-8, Prometheus keeps the bytes; a label
 * value here must be text (VictoriaMetrics' JSON import and the API carry strings), so that
 * is refused.
 */

/** Refuses with what went wrong, where (an index into the text), and the rest of the sentence. */
export type Fail = (what: string, at: number, rest?: string) => never;

export const ESCAPES_ALLOWED =
  "allowed in \"...\" and '...': \\a \\b \\f \\n \\r \\t \\v \\\\, the quote itself, \\NNN (octal), \\xNN, \\uNNNN, \\UNNNNNNNN; " +
  "a `...` string takes none";

const ONE_LETTER: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/** Reads the string literal whose opening quote is at `start`; `end` is the index after its closing quote. */
export function readGoString(text: string, start: number, fail: Fail): { value: string; end: number } {
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== "`") return fail("expected a quoted label value", start);
  const bytes: number[] = [];
  const escaped: number[] = [];
  const addText = (s: string) => bytes.push(...encoder.encode(s));
  let pos = start + 1;
  for (;;) {
    if (pos >= text.length) return fail(`expected a closing ${quote}`, pos);
    const code = text.codePointAt(pos)!;
    const c = String.fromCodePoint(code);
    if (code >= 0xd800 && code <= 0xdfff) {
      // Only a JavaScript string can hold half a surrogate pair; as UTF-8 it is an invalid rune.
      return fail(`U+${code.toString(16).toUpperCase()}`, pos, " is not a Unicode character (a lone surrogate)");
    }
    if (c === quote) break;
    if (quote === "`" || c !== "\\") {
      if (c === "\n" && quote !== "`")
        return fail("a line break in a quoted string", pos, "; write \\n, or use a `...` string");
      addText(c);
      pos += c.length;
      continue;
    }
    const at = pos;
    const e = text[pos + 1];
    if (e === undefined) return fail(`expected a closing ${quote}`, text.length);
    if (e in ONE_LETTER || e === quote) {
      bytes.push(e === quote ? quote.charCodeAt(0) : ONE_LETTER[e]!);
      pos += 2;
    } else if (e in HEX_DIGITS) {
      const n = HEX_DIGITS[e]!;
      const digits = text.slice(pos + 2, pos + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) return fail(`\\${e} needs ${n} hex digits`, at);
      const value = parseInt(digits, 16);
      const written = `\\${e}${digits}`;
      if (e === "x") {
        bytes.push(value);
        escaped.push(value);
      } else if (value >= 0xd800 && value <= 0xdfff) {
        return fail(written, at, " is not a Unicode code point (a surrogate)");
      } else if (value > 0x10ffff) {
        return fail(written, at, " is above U+10FFFF, the largest code point");
      } else addText(String.fromCodePoint(value));
      pos += 2 + n;
    } else if (e >= "0" && e <= "7") {
      const digits = text.slice(pos + 1, pos + 4);
      if (!/^[0-7]{3}$/.test(digits)) return fail("\\NNN needs 3 octal digits", at);
      const value = parseInt(digits, 8);
      if (value > 0xff) return fail(`\\${digits}`, at, " is above \\377, the largest byte");
      bytes.push(value);
      escaped.push(value);
      pos += 4;
    } else {
      return fail(`unknown escape \\${String.fromCodePoint(text.codePointAt(pos + 1)!)}`, at, `; ${ESCAPES_ALLOWED}`);
    }
  }
  try {
    return { value: utf8.decode(new Uint8Array(bytes)), end: pos + 1 };
  } catch {
    const hex = escaped.map((b) => b.toString(16).padStart(2, "0")).join(" ");
    return fail(
      "the string",
      start,
      ` is not valid UTF-8: its \\x and octal escapes give the bytes ${hex}; Prometheus would keep them, ` +
        "but VictoriaMetrics' JSON import and the API carry text: write the characters, or \\u escapes",
    );
  }
}
