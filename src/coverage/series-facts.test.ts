import { ts } from "../series/time";
import { factsOf } from "./test-support";

const at = (...seconds: number[]) => seconds.map((n) => ts(n).getTime());
const scrape = { every: 10, from: ts(0), to: ts(100) };

describe("the facts of a case's series, as the scrapes show them", () => {
  test("a counter: rises where a tick shows more, a drop where a reset shows less, missed scrapes inside a gap", () => {
    const [counter] = factsOf(
      ({ counter }) =>
        counter("c", { status: "200" }).inc(ts(5)).inc(ts(15), 2).reset(ts(30)).inc(ts(31)).gap(ts(50), ts(70)),
      { scrape },
    ).series;
    expect(counter).toEqual({
      name: "c",
      kind: "counter",
      labels: { namespace: "ns", model_version_id: "mv", status: "200" },
      first: ts(0).getTime(),
      last: ts(100).getTime(),
      missed: at(50, 60, 70),
      stale: [],
      drops: at(30), // 3 before, 0 at the reset's tick
      rises: at(10, 20, 40), // 1, 3, then 1 after the reset
    });
  });

  test("a reset the next tick does not show (more after it than before) is no drop: VictoriaMetrics cannot see it", () => {
    const [counter] = factsOf(({ counter }) => counter("c").inc(ts(5)).reset(ts(12)).inc(ts(15), 4), { scrape }).series;
    expect(counter!.drops).toEqual([]);
    expect(counter!.rises).toEqual(at(10, 20));
  });

  test("a gauge: first and last sample; a series gone before the scrape ends has no missed scrapes after it", () => {
    const [gauge] = factsOf(({ gauge }) => gauge("g").set(ts(25), 2).set(ts(60), 1).gap(ts(75), ts(100)), {
      scrape,
    }).series;
    expect(gauge).toMatchObject({ first: ts(30).getTime(), last: ts(70).getTime(), missed: [], drops: at(60) });
  });

  test("a histogram: one series, read from _count; its +Inf bucket's own observations where they arrive", () => {
    const [histogram] = factsOf(
      ({ histogram }) =>
        histogram("h", { buckets: [1, 5], labels: { pod: "p1" } })
          .observe(ts(5), 0.5)
          .observe(ts(25), 7, 2)
          .observe(ts(45), 5),
      { scrape },
    ).series;
    expect(histogram).toMatchObject({
      name: "h",
      kind: "histogram",
      labels: { namespace: "ns", model_version_id: "mv", pod: "p1" },
      rises: at(10, 30, 50),
      infRises: at(30),
    });
  });

  test("a notation series: missing samples, staleness markers and drops as written", () => {
    const [samples] = factsOf(({ series }) => series('n{a="b"}', "_ 1 2 _ 3 stale 1"), { scrape }).series;
    expect(samples).toEqual({
      name: "n",
      kind: "samples",
      labels: { namespace: "ns", model_version_id: "mv", a: "b" },
      first: ts(10).getTime(),
      last: ts(60).getTime(),
      missed: at(30),
      stale: at(50),
      drops: at(60),
      rises: at(10, 20, 40),
    });
  });

  test("a family parent used only for .labels() stores nothing and has no facts", () => {
    const { series } = factsOf(({ counter }) => counter("c").labels({ status: "200" }).inc(ts(5)), { scrape });
    expect(series.map((s) => s.labels.status)).toEqual(["200"]);
  });
});
