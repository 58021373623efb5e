import { parseNotation } from "./notation";
import { createSeriesSet } from "./series-set";
import { samplesOf, zip } from "./test-support";
import { ts } from "./time";

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
    ["any whitespace between tokens", "  1\t2\n3 ", [1, 2, 3]],
    ["the issue's example", "0+10x5 _x2 100 stale", [0, 10, 20, 30, 40, 50, null, null, 100, NaN]],
  ])("%s: %p", (_, text, expected) => expect(parseNotation(text, "here")).toEqual(expected));

  test.each([
    ["an unknown word", "1 up", /^here: token 2 "up" is not valid; allowed: a number .*, a\+bxn or a-bxn .*, _xn .*stale/],
    ["a step without a count", "1+2", /token 1 "1\+2" is not valid: a step needs a count, as in 1\+2x3/],
    ["a count without a value", "x3", /token 1 "x3" is not valid; allowed:/],
    ["a fractional count", "1x2.5", /token 1 "1x2.5" is not valid/],
    ["NaN", "NaN", /token 1 "NaN" is not accepted: values must be finite .*use _ for a missing sample or stale/],
    ["Inf", "1 +Inf", /token 2 "\+Inf" is not accepted/],
    ["a repeated stale", "stalex2", /token 1 "stalex2" is not valid: stale stands alone/],
    ["nothing", "  ", /^here: the notation is empty; allowed:/],
  ])("refuses %s", (_, text, message) => expect(() => parseNotation(text, "here")).toThrow(message));
});

describe("series(selector, notation)", () => {
  const newSet = () => createSeriesSet({ scrape: { every: 10, from: ts(0), to: ts(60) } });

  test("puts value k at tick k, and stores nothing for _ or after the last value", () => {
    const set = newSet();
    set.series('model_replicas_active{instance_type="A10G"}', "2x1 _ 0+1x1");
    expect(samplesOf(set)).toEqual({ 'model_replicas_active{instance_type="A10G"}': zip([0, 10, 30, 40], [2, 2, 0, 1]) });
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

  test("takes gaps like any series", () => {
    const set = newSet();
    set.series("up", "1x6").gap(ts(10), ts(50));
    expect(samplesOf(set)).toEqual({ up: zip([0, 60], [1, 1]) });
  });

  test("has no children", () => {
    expect(() => newSet().series("up", "1").labels({ a: "1" })).toThrow("up.labels(): a notation series has no children");
  });
});
