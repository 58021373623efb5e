import { parseNotation } from "./notation";
import { resolveScrape } from "./scrape";
import { createSeriesSet } from "./series-set";
import { samplesOf, zip } from "./test-support";
import { ts } from "./time";

// A scrape with ticks to spare, for reading notation on its own.
const WIDE = resolveScrape({ every: 1, from: ts(0), to: ts(3600) });
const read = (text: string) => parseNotation(text, "here", WIDE);

describe("promtool's expanding notation", () => {
  test.each([
    ["plain values", "1 2.5 -3", [1, 2.5, -3]],
    ["a+bxn: n+1 values from a in steps of b", "0+10x3", [0, 10, 20, 30]],
    ["a-bxn: steps down", "1-2x3", [1, -1, -3, -5]],
    ["a negative start", "-2+1x2", [-2, -1, 0]],
    ["axn: n+1 copies", "5x2", [5, 5, 5]],
    ["_: one missing sample", "1 _ 2", [1, null, 2]],
    ["_xn: n missing samples (not n+1)", "_x3 1", [null, null, null, 1]],
    ["_x0: none", "1 _x0 2", [1, 2]],
    ["stale: a staleness marker", "1 stale 2", [1, NaN, 2]],
    ["exponents and leading dots", "1e3 .5 2.5e-1", [1000, 0.5, 0.25]],
    ["an exponent with a step", "1e-2+1e-2x1", [0.01, 0.02]],
    ["steps accumulate as promtool adds them", "0.1+0.1x2", [0.1, 0.2, 0.30000000000000004]],
    ["spaces, tabs and line breaks between tokens", "  1\t2\n3\r\n4 ", [1, 2, 3, 4]],
    ["zero, and numbers below one", "0 0.5 -0 0e3 .0 0.", [0, 0.5, -0, 0, 0, 0]],
    ["0x3 is three more zeros: no hex in Prometheus' notation", "0x3", [0, 0, 0, 0]],
    ["a count with a leading zero is decimal, as Prometheus reads counts", "1x010", new Array(11).fill(1)],
    ["numbers too small for a float are 0, as in Go", "1e-400", [0]],
    ["the issue's example", "0+10x5 _x2 100 stale", [0, 10, 20, 30, 40, 50, null, null, 100, NaN]],
  ])("%s: %p", (_, text, expected) => expect(read(text)).toEqual(expected));

  test.each([
    [
      "an unknown word",
      "1 up",
      /^here: token 2 "up" is not valid; allowed: a number .*, a\+bxn or a-bxn .*, _xn .*stale/,
    ],
    ["a step without a count", "1+2", /token 1 "1\+2" is not valid: a step needs a count, as in 1\+2x3/],
    ["a count without a value", "x3", /token 1 "x3" is not valid; allowed:/],
    ["a fractional count", "1x2.5", /token 1 "1x2.5" is not valid/],
    [
      "NaN",
      "NaN",
      /token 1 "NaN" is not accepted: values must be finite \(VictoriaMetrics drops NaN samples, and the API reads ±Inf as no value\); use _ for a missing sample or stale/,
    ],
    ["Inf", "1 +Inf", /token 2 "\+Inf" is not accepted: values must be finite/],
    ["lower-case nan", "nan", /token 1 "nan" is not accepted: values must be finite/],
    ["a number too large for a float", "1e400", /^here: token 1 "1e400" is not accepted: values must be finite/],
    [
      "a sequence that overflows",
      "1 1e308+1e308x2",
      /^here: token 2 "1e308\+1e308x2" is not accepted: its value 2 is Infinity; values must be finite/,
    ],
    [
      "a repeated stale",
      "stalex2",
      /token 1 "stalex2" is not accepted: stale stands alone, one marker per token \(write stale stale for two/,
    ],
    [
      "a stale with a step",
      "stale+0x2",
      /token 1 "stale\+0x2" is not accepted: stale stands alone.*Prometheus reads stale\+0x2 as one marker and then ordinary NaNs, which VictoriaMetrics drops/,
    ],
    [
      "a leading zero, which Prometheus reads as octal",
      "010",
      /^here: token 1 "010" is not accepted: 010 has a leading zero; Prometheus reads a whole number with one as octal \(010 is 8\) unless it has an 8 or 9 \(018 is 18\): write it without the zero$/,
    ],
    ["a leading zero in a step", "0+010x2", /^here: token 1 "0\+010x2" is not accepted: 010 has a leading zero;/],
    ["a leading zero in a negative value", "1 -08", /token 2 "-08" is not accepted: 08 has a leading zero;/],
    ["a leading zero before a fraction", "00.5", /token 1 "00.5" is not accepted: 00.5 has a leading zero;/],
    [
      "a no-break space",
      "1\u00a02",
      'here: U+00A0 (no-break space) at position 1 of "1\u00a02" is not a space to Prometheus, which separates with spaces, tabs and line breaks only',
    ],
    ["a form feed", "1\f2", /^here: U\+000C \(form feed\) at position 1 of/],
    ["a vertical tab", "1\v2", /^here: U\+000B \(vertical tab\) at position 1 of/],
    ["a no-break space at the end", "1 2\u00a0", /^here: U\+00A0 \(no-break space\) at position 3 of/],
    ["nothing", "  ", /^here: the notation is empty: a series without samples stores nothing; allowed:/],
  ])("refuses %s", (_, text, message) => expect(() => read(text)).toThrow(message));

  test.each([
    ["a repeat count", "1x18446744073709551616", "18446744073709551617"],
    ["a count of blanks", "_x18446744073709551616", "18446744073709551616"],
    ["the counts together", "1x3 2x18446744073709551615", "18446744073709551620"],
  ])("checks %s against the ticks before expanding it", (_, text, samples) => {
    const scrape = resolveScrape({ every: 10, from: ts(0), to: ts(60) });
    expect(() => parseNotation(text, "here", scrape)).toThrow(
      `here: the notation gives ${samples} samples but the scrape has only 7 ticks (every 10 s); shorten the notation or widen the case's scrape`,
    );
  });
});

describe("series(selector, notation)", () => {
  const newSet = () => createSeriesSet({ scrape: { every: 10, from: ts(0), to: ts(60) } });

  test("puts value k at tick k, and stores nothing for _ or after the last value", () => {
    const set = newSet();
    set.series('model_replicas_active{instance_type="A10G"}', "2x1 _ 0+1x1");
    expect(samplesOf(set)).toEqual({
      'model_replicas_active{instance_type="A10G"}': zip([0, 10, 30, 40], [2, 2, 0, 1]),
    });
  });

  test("keeps a staleness marker as NaN in its JSON lines", () => {
    const set = newSet();
    set.series("up", "1 stale 1");
    expect(set.toJsonLines()[0]!.values).toEqual([1, NaN, 1]);
  });

  test("refuses more values than the scrape has ticks", () => {
    expect(() => newSet().series("up", "1x7")).toThrow(
      'series("up", "1x7"): the notation gives 8 samples but the scrape has only 7 ticks (every 10 s); shorten the notation or widen the case\'s scrape',
    );
  });

  test("refuses a repeat count far beyond the ticks without expanding it", () => {
    expect(() => newSet().series("up", "1x18446744073709551616")).toThrow(
      'series("up", "1x18446744073709551616"): the notation gives 18446744073709551617 samples but the scrape has only 7 ticks (every 10 s); shorten the notation or widen the case\'s scrape',
    );
  });

  test("takes gaps like any series", () => {
    const set = newSet();
    set.series("up", "1x6").gap(ts(10), ts(50));
    expect(samplesOf(set)).toEqual({ up: zip([0, 60], [1, 1]) });
  });

  test("has no children", () => {
    expect(() => newSet().series("up", "1").labels({ a: "1" })).toThrow(
      "up.labels(): a notation series has no children",
    );
  });
});
