import { SeriesError } from "./errors";
import { createSeriesSet, type SeriesSet } from "./series-set";
import { ts } from "./time";

// jest prints a code frame for the top frame of an error's stack outside node_modules: the
// builder's errors start their stack at the call in the case, not inside src/series/.
const loose = (v: unknown) => v as never;

function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (err) {
    return err as Error;
  }
  throw new Error("the call did not throw");
}

const frames = (err: Error) => err.stack!.split("\n").filter((line) => /^\s+at /.test(line));

describe("a builder error's stack starts at the caller", () => {
  const newSet = () => createSeriesSet({ scrape: { every: 10, from: ts(0), to: ts(60) } });

  test.each<[string, (s: SeriesSet) => unknown]>([
    ["a counter event outside the scrape", (s) => s.counter("x").inc(ts(999))],
    ["an invalid metric name", (s) => s.gauge("a-b")],
    ["a misspelt option", (s) => s.histogram("h", loose({ bucket: [1] }))],
    ["a child with a reserved label", (s) => s.histogram("h").labels({ le: "1" })],
    ["a duplicate series", (s) => (s.counter("x"), s.counter("x"))],
    ["bad notation", (s) => s.series("up", "1 two")],
    ["a bad selector", (s) => s.series('up{a="b"', "1")],
    ["a truth question about an unknown name", (s) => s.truth.gauge("nope", {}, ts(0))],
  ])("%s", (_, call) => {
    const set = newSet();
    const err = thrown(() => call(set));
    expect(err).toBeInstanceOf(SeriesError);
    expect(err.stack).toMatch(/^SeriesError: /);
    expect(frames(err)[0]).toContain(`${__filename}:`);
  });

  test("a bad scrape", () => {
    const err = thrown(() => createSeriesSet({ scrape: { every: 0 } }));
    expect(frames(err)[0]).toContain(`${__filename}:`);
  });

  test("keeps the frames below the caller", () => {
    const err = thrown(() => newSet().counter("x").inc(ts(999)));
    expect(frames(err).length).toBeGreaterThan(1);
  });
});
