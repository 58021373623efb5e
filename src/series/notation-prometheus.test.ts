import type { Labels } from "./labels";
import { parseNotation, type Point } from "./notation";
import { resolveScrape } from "./scrape";
import { createSeriesSet } from "./series-set";
import { TIME_BASE, ts } from "./time";

/**
 * Prometheus' own test vectors for the series notation, as data: the series and values a test of
 * prometheus/prometheus v2.42.0 (what Debian ships) gives, what Prometheus reads from them, and
 * whether `series()` reads the same. Where the Go test spells the values out they are copied;
 * where it does not (lex_test.go's token lists, promtool's testdata, string literals used as
 * label values), they were reasoned from the grammar (generated_parser.y, lex.go) and checked
 * with promtool 2.42. A Go test's one line `name{...} values` is split into the two arguments.
 */

/** A sample at a tick: a value, "_" for none, "stale" for a staleness marker. */
type Sample = number | "_" | "stale";

interface Reads {
  samples: Sample[];
  /** The series' labels with __name__, where the Go test states them or the row is about them. */
  metric?: Labels;
}
interface Refuses {
  /** What our error says: the same fault Prometheus refuses the line for. */
  refused: RegExp;
}

/**
 * The differences on purpose (README: "where it differs from Prometheus"), each with what the
 * error says. A row marked with one is a line Prometheus reads and `series()` refuses.
 */
const DIFFERENCES = {
  "no metric name": /the series has no metric name/,
  "not finite": /is not accepted: values must be finite/,
  "not UTF-8": /is not valid UTF-8/,
} as const;

interface Row {
  from: string;
  series: string;
  values: string;
  prometheus: Reads | Refuses;
  differs?: keyof typeof DIFFERENCES;
}

const PARSE_TEST = "promql/parser/parse_test.go (testSeries)";
const STRINGS = "promql/parser/parse_test.go (string literals, as a label value)";
const LEX_TEST = "promql/parser/lex_test.go (series descriptions)";
const PROMTOOL = (file: string) => `cmd/promtool/testdata/${file}`;

const reads = (samples: Sample[], metric?: Labels): Reads => ({ samples, ...(metric ? { metric } : {}) });
const refused = (why: RegExp): Refuses => ({ refused: why });
const repeat = (value: number, n: number): Sample[] => new Array<Sample>(n).fill(value);
const upTo = (last: number): Sample[] => Array.from({ length: last + 1 }, (_, k) => k);
const _ = "_";

const ROWS: Row[] = [
  { from: PARSE_TEST, series: "{}", values: "1 2 3", prometheus: reads([1, 2, 3], {}), differs: "no metric name" },
  {
    from: PARSE_TEST,
    series: '{a="b"}',
    values: "-1 2 3",
    prometheus: reads([-1, 2, 3], { a: "b" }),
    differs: "no metric name",
  },
  { from: PARSE_TEST, series: "my_metric", values: "1 2 3", prometheus: reads([1, 2, 3], { __name__: "my_metric" }) },
  { from: PARSE_TEST, series: "my_metric{}", values: "1 2 3", prometheus: reads([1, 2, 3], { __name__: "my_metric" }) },
  {
    from: PARSE_TEST,
    series: 'my_metric{a="b"}',
    values: "1 2 3",
    prometheus: reads([1, 2, 3], { __name__: "my_metric", a: "b" }),
  },
  {
    from: PARSE_TEST,
    series: 'my_metric{a="b"}',
    values: "1 2 3-10x4",
    prometheus: reads([1, 2, 3, -7, -17, -27, -37]),
  },
  { from: PARSE_TEST, series: 'my_metric{a="b"}', values: "1 2 3-0x4", prometheus: reads([1, 2, 3, 3, 3, 3, 3]) },
  { from: PARSE_TEST, series: 'my_metric{a="b"}', values: "1 3 _ 5 _x4", prometheus: reads([1, 3, _, 5, _, _, _, _]) },
  {
    from: PARSE_TEST,
    series: 'my_metric{a="b"}',
    values: "1 3 _ 5 _a4",
    prometheus: refused(/token 5 "_a4" is not valid/),
  },
  { from: PARSE_TEST, series: 'my_metric{a="b"}', values: "1 -1", prometheus: reads([1, -1]) },
  { from: PARSE_TEST, series: 'my_metric{a="b"}', values: "1 +1", prometheus: reads([1, 1]) },
  {
    from: PARSE_TEST,
    series: 'my_metric{a="b"}',
    values: "1 -1 -3-10x4 7 9 +5",
    prometheus: reads([1, -1, -3, -13, -23, -33, -43, 7, 9, 5]),
  },
  { from: PARSE_TEST, series: 'my_metric{a="b"}', values: "1 +1 +4 -6 -2 8", prometheus: reads([1, 1, 4, -6, -2, 8]) },
  { from: PARSE_TEST, series: 'my_metric{a="b"}', values: "1 2 3    ", prometheus: reads([1, 2, 3]) },
  {
    from: PARSE_TEST,
    series: String.raw`my_metric{a="\u70ac"}`,
    values: "1 2 3",
    prometheus: reads([1, 2, 3], { __name__: "my_metric", a: "炬" }),
  },
  {
    from: PARSE_TEST,
    series: String.raw`my_metric{a="\u70ac = torch"}`,
    values: "1 2 3",
    prometheus: reads([1, 2, 3], { __name__: "my_metric", a: "炬 = torch" }),
  },
  {
    from: PARSE_TEST,
    series: 'my_metric{a="b"}',
    values: "-3-3 -3",
    prometheus: refused(/token 1 "-3-3" is not valid: a step needs a count/),
  },
  {
    from: PARSE_TEST,
    series: 'my_metric{a="b"}',
    values: "-3 -3-3",
    prometheus: refused(/token 2 "-3-3" is not valid: a step needs a count/),
  },
  { from: PARSE_TEST, series: 'my_metric{a="b"}', values: "-3 _-2", prometheus: refused(/token 2 "_-2" is not valid/) },
  {
    from: PARSE_TEST,
    series: 'my_metric{a="b"}',
    values: "-3 3+3x4-4",
    prometheus: refused(/token 2 "3\+3x4-4" is not valid/),
  },

  // The lexer test lists tokens only; the grammar has no series item that starts with "x".
  { from: LEX_TEST, series: "{}", values: "_ 1 x .3", prometheus: refused(/token 3 "x" is not valid/) },
  {
    from: LEX_TEST,
    series: "metric",
    values: "+Inf Inf NaN",
    prometheus: reads([Infinity, Infinity, NaN]),
    differs: "not finite",
  },
  { from: LEX_TEST, series: "metric", values: "1+1x4", prometheus: reads([1, 2, 3, 4, 5]) },

  {
    from: STRINGS,
    series: String.raw`m{a="double-quoted string \" with escaped quote"}`,
    values: "1",
    prometheus: reads([1], { __name__: "m", a: 'double-quoted string " with escaped quote' }),
  },
  {
    from: STRINGS,
    series: String.raw`m{a='single-quoted string \' with escaped quote'}`,
    values: "1",
    prometheus: reads([1], { __name__: "m", a: "single-quoted string ' with escaped quote" }),
  },
  {
    from: STRINGS,
    series: "m{a=`backtick-quoted string`}",
    values: "1",
    prometheus: reads([1], { __name__: "m", a: "backtick-quoted string" }),
  },
  // \xFF\377 are two bytes 0xff: Prometheus keeps them in the label value.
  {
    from: STRINGS,
    series: String.raw`m{a="\a\b\f\n\r\t\v\\\" - \xFF\377\u1234\U00010111\U0001011111☺"}`,
    values: "1",
    prometheus: reads([1]),
    differs: "not UTF-8",
  },
  {
    from: STRINGS,
    series: String.raw`m{a='\a\b\f\n\r\t\v\\\' - \xFF\377\u1234\U00010111\U0001011111☺'}`,
    values: "1",
    prometheus: reads([1]),
    differs: "not UTF-8",
  },
  {
    from: STRINGS,
    series: "m{a=`" + String.raw`\a\b\f\n\r\t\v\\\"\' - \xFF\377\u1234\U00010111\U0001011111☺` + "`}",
    values: "1",
    prometheus: reads([1], {
      __name__: "m",
      a: String.raw`\a\b\f\n\r\t\v\\\"\' - \xFF\377\u1234\U00010111\U0001011111☺`,
    }),
  },
  // Prometheus: "unterminated raw string" (the second backtick opens another); here the stray backtick is reported.
  { from: STRINGS, series: "m{a=`\\``}", values: "1", prometheus: refused(/expected "," or "}" at position 7/) },
  { from: STRINGS, series: 'm{a="\\', values: "1", prometheus: refused(/expected a closing " at position 6/) },
  {
    from: STRINGS,
    series: String.raw`m{a="\c"}`,
    values: "1",
    prometheus: refused(/unknown escape \\c at position 5/),
  },
  {
    from: STRINGS,
    series: String.raw`m{a="\x."}`,
    values: "1",
    prometheus: refused(/\\x needs 2 hex digits at position 5/),
  },

  { from: PROMTOOL("failing.yml"), series: "test", values: "0", prometheus: reads([0]) },
  // Unquoted in the YAML; promtool counts 11 samples, all 0: no hex in series values.
  {
    from: PROMTOOL("failing.yml"),
    series: 'up{job="test"}',
    values: "0x10",
    prometheus: reads(repeat(0, 11), { __name__: "up", job: "test" }),
  },
  { from: PROMTOOL("long-period.yml"), series: "test", values: "0+1x1067", prometheus: reads(upTo(1067)) },
  { from: PROMTOOL("unittest.yml"), series: "test_full", values: "0 0", prometheus: reads([0, 0]) },
  { from: PROMTOOL("unittest.yml"), series: "test_stale", values: "0 stale", prometheus: reads([0, "stale"]) },
  {
    from: PROMTOOL("unittest.yml"),
    series: "test_missing",
    values: "0 _ _ _ _ _ _ 0",
    prometheus: reads([0, _, _, _, _, _, _, 0]),
  },
  { from: PROMTOOL("unittest.yml"), series: "test", values: "1", prometheus: reads([1]) },
  {
    from: PROMTOOL("unittest.yml"),
    series: 'up{job="prometheus", instance="localhost:9090"}',
    values: "0+0x1440",
    prometheus: reads(repeat(0, 1441), { __name__: "up", job: "prometheus", instance: "localhost:9090" }),
  },
  {
    from: PROMTOOL("unittest.yml"),
    series: 'test{job="test", instance="x:0"}',
    values: "0+1x120",
    prometheus: reads(upTo(120)),
  },
  {
    from: PROMTOOL("bad-input-series.yml"),
    series: 'up{job="prometheus", instance="localhost:9090"',
    values: "0+0x1440",
    prometheus: refused(/expected "," or "}" at position 46/),
  },
  {
    from: `${PROMTOOL("at-modifier-test.yml")}, ${PROMTOOL("negative-offset-test.yml")}`,
    series: "requests{}",
    values: "1",
    prometheus: reads([1], { __name__: "requests" }),
  },
  {
    from: `${PROMTOOL("bad-promql.yml")}, ${PROMTOOL("bad-rules-error-test.yml")}`,
    series: 'join_1{a="1",b="2"}',
    values: "1",
    prometheus: reads([1], { __name__: "join_1", a: "1", b: "2" }),
  },
  {
    from: `${PROMTOOL("bad-promql.yml")}, ${PROMTOOL("bad-rules-error-test.yml")}`,
    series: 'join_2{a="1",b="3"}',
    values: "2",
    prometheus: reads([2], { __name__: "join_2", a: "1", b: "3" }),
  },
  {
    from: `${PROMTOOL("bad-promql.yml")}, ${PROMTOOL("bad-rules-error-test.yml")}`,
    series: 'join_2{a="1",b="4"}',
    values: "3",
    prometheus: reads([3], { __name__: "join_2", a: "1", b: "4" }),
  },
];

// One tick a second: room for promtool's longest rows (1441 samples).
const SCRAPE = { every: 1, from: ts(0), to: ts(1999) };

const asSample = (p: Point): Sample => (p === null ? _ : Number.isNaN(p) ? "stale" : p);
/** Blanks at the end store nothing, so a stored series cannot show them. */
const withoutTrailingBlanks = (samples: Sample[]) => samples.slice(0, samples.findLastIndex((s) => s !== _) + 1);

/** What `series()` stores: its labels, and a sample per tick up to its last one. */
function stored(series: string, values: string): Reads {
  const set = createSeriesSet({ scrape: SCRAPE });
  set.series(series, values);
  const lines = set.toJsonLines();
  expect(lines).toHaveLength(1);
  const { metric, timestamps, values: stored } = lines[0]!;
  const samples: Sample[] = [];
  timestamps.forEach((t, i) => {
    const k = (t - TIME_BASE.getTime()) / 1000;
    while (samples.length < k) samples.push(_);
    samples[k] = asSample(stored[i]!);
  });
  return { samples, metric: { ...metric } };
}

/** The values alone, as parseNotation reads them. */
const readValues = (values: string) => parseNotation(values, "values", resolveScrape(SCRAPE)).map(asSample);

const nameless = (row: Row) => row.series.trimStart().startsWith("{");
const label = (row: Row) => `${row.series} ${JSON.stringify(row.values)} (${row.from})`;

describe("Prometheus' series-notation test vectors", () => {
  const agreeing = ROWS.filter((r) => !r.differs);

  test.each(agreeing.filter((r) => "samples" in r.prometheus && !nameless(r)).map((r) => [label(r), r] as const))(
    "reads %s as Prometheus does",
    (_name, row) => {
      const { samples, metric } = row.prometheus as Reads;
      const actual = stored(row.series, row.values);
      expect(actual.samples).toEqual(withoutTrailingBlanks(samples));
      if (metric) expect(actual.metric).toEqual(metric);
    },
  );

  test.each(agreeing.filter((r) => "refused" in r.prometheus).map((r) => [label(r), r] as const))(
    "refuses %s, as Prometheus does",
    (_name, row) => {
      const { refused: why } = row.prometheus as Refuses;
      // A nameless series is refused for its name; the values still say why Prometheus refuses the line.
      if (nameless(row)) {
        expect(() => stored(row.series, row.values)).toThrow(DIFFERENCES["no metric name"]);
        expect(() => readValues(row.values)).toThrow(why);
      } else {
        expect(() => stored(row.series, row.values)).toThrow(why);
      }
    },
  );

  test.each(ROWS.filter((r) => r.differs).map((r) => [label(r), r] as const))(
    "refuses %s, which Prometheus reads: a difference on purpose",
    (_name, row) => {
      expect(() => stored(row.series, row.values)).toThrow(DIFFERENCES[row.differs!]);
      // A nameless series' values are still read as Prometheus reads them.
      if (row.differs === "no metric name") expect(readValues(row.values)).toEqual((row.prometheus as Reads).samples);
    },
  );

  test("every row is checked by one of the tests above", () => {
    const readsNameless = ROWS.filter((r) => !r.differs && "samples" in r.prometheus && nameless(r));
    expect(readsNameless).toEqual([]);
  });
});
