import { parseSelector } from "./selector";

const read = (text: string) => parseSelector(text, "here");
const valueOf = (text: string) => read(text).labels.a;

describe("a series selector", () => {
  test.each([
    ["up", { name: "up", labels: {} }],
    [" up{} ", { name: "up", labels: {} }],
    ["ns:rule_total{a=\"x\", b='y',}", { name: "ns:rule_total", labels: { a: "x", b: "y" } }],
    ['up{a="q\\"uote", b = "back\\\\slash"}', { name: "up", labels: { a: 'q"uote', b: "back\\slash" } }],
    ['\tup{\ta="x",\r\n b="y"\n}\r\n', { name: "up", labels: { a: "x", b: "y" } }],
  ])("%p is read", (text, expected) => expect(read(text)).toEqual(expected));

  test.each([
    ["up{a=x}", /^here: expected a quoted label value at position 5 of "up\{a=x\}"$/],
    ['up{a="x"', /expected "," or "}" at position 8/],
    ['up{a="x" b="y"}', /expected "," or "}" at position 9/],
    ['up{a="x", a="y"}', /the label a is given twice/],
    ['up{a!="x"}', /expected "=" after the label name at position 4/],
    ["up 1 2", /expected the end of the series \(values go in the second argument\) at position 3/],
  ])("%p is refused", (text, message) => expect(() => read(text)).toThrow(message));

  test("a series needs a metric name, which Prometheus' notation may leave out", () => {
    expect(() => read('{a="x"}')).toThrow(
      'here: the series has no metric name; Prometheus\' notation allows {a="x"} without one, but the API under test ' +
        'selects every metric by name, so no query would see it: write name{a="x"}',
    );
  });

  test("the braces follow the name without a space, as Prometheus reads them", () => {
    expect(() => read('up {a="x"}')).toThrow(
      'here: a space between the metric name and "{" at position 2 of "up {a=\\"x\\"}"; Prometheus reads what follows a space as values: write up{...}',
    );
  });
});

describe("spaces in a selector are Prometheus' spaces: space, tab, line feed, carriage return", () => {
  test.each([
    ["a no-break space", 'up{\u00a0a="x"}', "U+00A0 (no-break space) at position 3"],
    ["a form feed", 'up{a="x",\fb="y"}', "U+000C (form feed) at position 9"],
    ["a vertical tab", "\vup", "U+000B (vertical tab) at position 0"],
    ["a no-break space after the name", "up\u00a0", "U+00A0 (no-break space) at position 2"],
  ])("%s is refused", (_, text, what) => {
    expect(() => read(text)).toThrow(
      `here: ${what} of ${JSON.stringify(text)} is not a space to Prometheus, which separates with spaces, tabs and line breaks only`,
    );
  });
});

describe("label values are Go string literals, read as PromQL reads them", () => {
  test.each([
    ["a \\u escape", String.raw`up{a="\u70ac"}`, "炬"],
    ["a \\u escape inside text", String.raw`up{a="\u70ac = torch"}`, "炬 = torch"],
    ["a \\U escape", String.raw`up{a="\U0001F600"}`, "😀"],
    ["a \\x escape", String.raw`up{a="\x41"}`, "A"],
    ["\\x escapes are bytes, read as UTF-8 together", String.raw`up{a="\xe7\x82\xac"}`, "炬"],
    ["an octal escape", String.raw`up{a="\101"}`, "A"],
    ["octal escapes are bytes too", String.raw`up{a="\347\202\254"}`, "炬"],
    ["the one-letter escapes", String.raw`up{a="\a\b\f\n\r\t\v\\"}`, "\x07\b\f\n\r\t\v\\"],
    ["an escaped double quote", String.raw`up{a="say \"hi\""}`, 'say "hi"'],
    ["an escaped single quote in a single-quoted string", String.raw`up{a='it\'s'}`, "it's"],
    ["a double quote in a single-quoted string", String.raw`up{a='say "hi"'}`, 'say "hi"'],
    ["a backtick string, raw", "up{a=`C:\\dir\\n \"x\" 'y'`}", "C:\\dir\\n \"x\" 'y'"],
    ["a line break and a carriage return in a backtick string, kept", "up{a=`one\r\ntwo`}", "one\r\ntwo"],
    ["text outside ASCII as it is", 'up{a="Zürich 東京"}', "Zürich 東京"],
  ])("%s: %s", (_, text, value) => expect(valueOf(text)).toBe(value));

  test.each([
    [
      "an unknown escape",
      String.raw`up{a="a\.b"}`,
      /^here: unknown escape \\\. at position 7 of .*; allowed in "\.\.\." and '\.\.\.': \\a \\b \\f \\n \\r \\t \\v \\\\, the quote itself, \\NNN \(octal\), \\xNN, \\uNNNN, \\UNNNNNNNN; a `\.\.\.` string takes none/,
    ],
    [
      "an escaped single quote in a double-quoted string",
      String.raw`up{a="it\'s"}`,
      /unknown escape \\' at position 8/,
    ],
    ["a \\x escape with one digit", String.raw`up{a="\x4"}`, /^here: \\x needs 2 hex digits at position 6 of /],
    ["a short \\u escape", String.raw`up{a="\u12"}`, /\\u needs 4 hex digits at position 6/],
    ["an octal escape with two digits", String.raw`up{a="\10"}`, /\\NNN needs 3 octal digits at position 6/],
    [
      "an octal escape above 255",
      String.raw`up{a="\400"}`,
      /\\400 at position 6 of .* is above \\377, the largest byte/,
    ],
    [
      "a surrogate",
      String.raw`up{a="\ud800"}`,
      /\\ud800 at position 6 of .* is not a Unicode code point \(a surrogate\)/,
    ],
    [
      "a code point above U+10FFFF",
      String.raw`up{a="\U00110000"}`,
      /\\U00110000 at position 6 of .* is above U\+10FFFF/,
    ],
    [
      "bytes that are not UTF-8",
      String.raw`up{a="\xff"}`,
      /^here: the string at position 5 of .* is not valid UTF-8: its \\x and octal escapes give the bytes ff; Prometheus would keep them, but VictoriaMetrics' JSON import and the API carry text: write the characters, or \\u escapes$/,
    ],
    [
      "a line break in a quoted string",
      'up{a="one\ntwo"}',
      /^here: a line break in a quoted string at position 9 of .*; write \\n, or use a `\.\.\.` string$/,
    ],
    ["an unclosed quoted string", 'up{a="x}', /^here: expected a closing " at position 8 of /],
    ["an unclosed backtick string", "up{a=`x}", /^here: expected a closing ` at position 8 of /],
    [
      "a lone surrogate in the text",
      'up{a="\ud800"}',
      /^here: U\+D800 at position 6 of .* is not a Unicode character \(a lone surrogate\)/,
    ],
  ])("%s is refused", (_, text, message) => expect(() => read(text)).toThrow(message));
});
