import { SeriesError } from "./errors";
import { createSeriesSet, type SeriesSet } from "./series-set";
import { ts } from "./time";

const newSet = () => createSeriesSet({ commonLabels: { namespace: "ns" } });
// Tests pass wrong types on purpose, as a case written in plain JS could.
const loose = (v: unknown) => v as never;

describe("bad input is refused with an error naming the series and the call", () => {
  test.each<[string, (s: SeriesSet) => unknown, string | RegExp]>([
    [
      "a time after the scrape",
      (s) => s.counter("x", { a: "1" }).inc(ts(601)),
      'x{a="1"}.inc(at, by): at = ts(601) = 2024-01-01T00:10:01.000Z is outside the scrape range [ts(-60) = 2023-12-31T23:59:00.000Z, ts(600) = 2024-01-01T00:10:00.000Z]; widen the case\'s scrape or move the event',
    ],
    [
      "a time before the scrape",
      (s) => s.gauge("g").set(ts(-61), 1),
      /^g.set\(at, value\): at = ts\(-61\) .* is outside the scrape range/,
    ],
    [
      "an invalid Date",
      (s) => s.counter("x").inc(new Date("never")),
      "x.inc(at, by): at must be a valid Date such as ts(50); got an invalid Date",
    ],
    [
      "a number for a time",
      (s) => s.counter("x").reset(loose(50)),
      "x.reset(at): at must be a valid Date such as ts(50); got number 50 (did you mean ts(50)?)",
    ],
    [
      "a negative increment",
      (s) => s.counter("x").inc(ts(0), -1),
      "x.inc(at, by): by = -1 is negative; a counter only goes up (use .reset(at) to model a restart)",
    ],
    [
      "a non-finite increment",
      (s) => s.counter("x").inc(ts(0), Infinity),
      "x.inc(at, by): by must be a finite number; got number Infinity",
    ],
    [
      "an increment that is not a number",
      (s) => s.counter("x").inc(ts(0), loose("2")),
      'x.inc(at, by): by must be a finite number; got the string "2"',
    ],
    [
      "a ramp backwards",
      (s) => s.counter("x").ramp(ts(20), ts(10), 1),
      /^x.ramp\(from, to, perSecond\): from \(ts\(20\) = .*\) is after to \(ts\(10\) = .*\)$/,
    ],
    [
      "a negative ramp",
      (s) => s.counter("x").ramp(ts(0), ts(10), -1),
      "x.ramp(from, to, perSecond): perSecond = -1 is negative; a counter only goes up",
    ],
    [
      "a non-finite gauge value",
      (s) => s.gauge("g").set(ts(0), NaN),
      "g.set(at, value): value must be a finite number; got number NaN",
    ],
    [
      "a non-finite observation",
      (s) => s.histogram("h").observe(ts(0), Infinity),
      "h.observe(at, value, count): value must be a finite number; got number Infinity",
    ],
    [
      "a fractional observation count",
      (s) => s.histogram("h").observe(ts(0), 1, 0.5),
      "h.observe(at, value, count): count must be a positive whole number of observations; got 0.5",
    ],
    ["a gap backwards", (s) => s.gauge("g").gap(ts(20), ts(10)), /^g.gap\(from, to\): from .* is after to/],
    [
      "a gap outside the scrape",
      (s) => s.gauge("g").gap(ts(0), ts(700)),
      /^g.gap\(from, to\): to = ts\(700\) .* is outside the scrape range/,
    ],
    [
      "an invalid metric name",
      (s) => s.counter("model-requests"),
      'counter("model-requests"): "model-requests" is not a valid metric name; allowed: [a-zA-Z_:][a-zA-Z0-9_:]*',
    ],
    [
      "an invalid label name",
      (s) => s.counter("x", { "status-code": "200" }),
      'counter("x", {status-code="200"}): "status-code" is not a valid label name; allowed: [a-zA-Z_][a-zA-Z0-9_]*',
    ],
    [
      "a label name starting with a digit",
      (s) => s.counter("x").labels({ "2xx": "1" }),
      'x.labels({2xx="1"}): "2xx" is not a valid label name; allowed: [a-zA-Z_][a-zA-Z0-9_]*',
    ],
    [
      "__name__ as a label",
      (s) => s.gauge("g", { __name__: "h" }),
      /^gauge\("g", \{__name__="h"\}\): the label __name__ is the metric name/,
    ],
    [
      "a label value that is not a string",
      (s) => s.counter("x", loose({ code: 200 })),
      /the value of label code must be a string; got number 200/,
    ],
    [
      "le on a histogram",
      (s) => s.histogram("h", { labels: { le: "1" } }),
      'histogram("h", {le="1"}): the label le is set by the series itself and cannot be given',
    ],
    [
      "le on a histogram's child",
      (s) => s.histogram("h").labels({ le: "1" }),
      'h.labels({le="1"}): the label le is set by the series itself and cannot be given',
    ],
    [
      "a child changing a label",
      (s) => s.counter("x", { a: "1" }).labels({ a: "2" }),
      'x{a="1"}.labels({a="2"}): the label a is already set on this series; a child adds labels, it cannot change them',
    ],
    [
      "no buckets",
      (s) => s.histogram("h", { buckets: [] }),
      'histogram("h"): buckets must be a non-empty array of upper bounds (the +Inf bucket is added); got []',
    ],
    [
      "buckets not increasing",
      (s) => s.histogram("h", { buckets: [1, 2, 2] }),
      'histogram("h"): buckets must be strictly increasing; bucket 2 (2) is not above bucket 1 (2)',
    ],
    [
      "an infinite bucket",
      (s) => s.histogram("h", { buckets: [1, Infinity] }),
      'histogram("h"): bucket 1 is Infinity; bounds must be finite numbers (the +Inf bucket is added)',
    ],
    [
      "a misspelt histogram option",
      (s) => s.histogram("h", loose({ bucket: [0.1, 0.2, 0.4] })),
      'histogram("h"): unknown option "bucket"; allowed: buckets, labels',
    ],
    [
      "labels given where the histogram takes options",
      (s) => s.histogram("h", loose({ route: "a" })),
      'histogram("h"): unknown option "route"; allowed: buckets, labels (labels go in { labels: { ... } })',
    ],
    [
      "buckets given where the histogram takes options",
      (s) => s.histogram("h", loose([0.1, 0.2])),
      'histogram("h"): options must be an object { buckets?, labels? }; got [0.1,0.2] (buckets go in { buckets: [...] })',
    ],
    [
      "a second series with the same name and labels",
      (s) => (s.counter("x", { a: "1" }), s.counter("x", { a: "1" })),
      'counter("x", {a="1"}): a series with the same name and labels already exists (x{namespace="ns", a="1"}, made as counter x{a="1"}); give this one another label value, or reuse the first',
    ],
    [
      "the same series made as a child and directly",
      (s) => (s.counter("x").labels({ a: "1" }), s.counter("x", { a: "1" })),
      /^counter\("x", \{a="1"\}\): a series with the same name and labels already exists/,
    ],
    [
      "a series clashing with a histogram's",
      (s) => (s.histogram("h"), s.series("h_count", "1")),
      /^series\("h_count", "1"\): a series with the same name and labels already exists \(h_count\{namespace="ns"\}, made as histogram h\)/,
    ],
    [
      "one name as two kinds",
      (s) => (s.counter("x"), s.gauge("x", { a: "1" })),
      'gauge("x", {a="1"}): x is already a counter in this case; one metric name has one kind',
    ],
    [
      "unparsable notation",
      (s) => s.series("up", "1 2 three"),
      'series("up", "1 2 three"): token 3 "three" is not valid; allowed: a number (1, -2.5, 1e3), a+bxn or a-bxn (n+1 values from a in steps of b), axn (n+1 copies of a), _ (no sample), _xn (n missing samples), stale (a staleness marker)',
    ],
    [
      "an invalid label in a selector",
      (s) => s.series('up{__name__="x"}', "1"),
      /^series\("up\{__name__=\\"x\\"\}", "1"\): the label __name__ is the metric name/,
    ],
  ])("%s", (_, call, message) => {
    const set = newSet();
    let error: unknown;
    try {
      call(set);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SeriesError);
    if (typeof message === "string") expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });

  test.each([
    [{ every: 0 }, "scrape.every must be a positive number of seconds (whole milliseconds); got 0"],
    [{ every: 0.0001 }, "scrape.every must be a positive number of seconds (whole milliseconds); got 0.0001"],
    [{ from: new Date("x") }, "scrape.from must be a valid Date (use ts(n)); got Invalid Date"],
    [
      { from: ts(10), to: ts(0) },
      "scrape.from (ts(10) = 2024-01-01T00:00:10.000Z) is after scrape.to (ts(0) = 2024-01-01T00:00:00.000Z)",
    ],
    [{ evry: 5 }, 'scrape: unknown option "evry"; allowed: every, from, to'],
    [[10], "scrape: options must be an object { every?, from?, to? }; got [10]"],
  ])("a scrape of %p is refused", (scrape, message) =>
    expect(() => createSeriesSet({ scrape: loose(scrape) })).toThrow(new SeriesError(message)),
  );

  test("common labels are checked too", () => {
    expect(() => createSeriesSet({ commonLabels: { "model-version": "1" } })).toThrow(
      'commonLabels: "model-version" is not a valid label name',
    );
  });
});
