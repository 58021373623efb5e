import type { JsonLine, VmClient } from "../vm/client";
import { createSeriesSet } from "./series-set";
import { ts } from "./time";

function exampleSet() {
  const set = createSeriesSet({
    scrape: { every: 10, from: ts(0), to: ts(60) },
    commonLabels: { namespace: 'a "quoted" ns' },
  });
  set
    .counter("c", { status: "200" })
    .inc(ts(10), 0.1)
    .ramp(ts(0), ts(60), 1 / 3);
  set.gauge("g").set(ts(25), -1e-7).gap(ts(40), ts(50));
  set.histogram("h", { buckets: [1] }).observe(ts(0), 2);
  return set;
}

/** A client that records calls instead of making them. */
function recordingClient() {
  const calls: Array<[string, unknown?]> = [];
  const client = {
    importJsonLines: async (lines: ReadonlyArray<JsonLine | string>) => void calls.push(["importJsonLines", lines]),
    importRemoteWrite: async (series: ReadonlyArray<JsonLine>) => void calls.push(["importRemoteWrite", series]),
    flush: async () => void calls.push(["flush"]),
  };
  return { calls, client: client as unknown as VmClient };
}

describe("emission", () => {
  test("the hand-written JSON lines are what JSON.stringify would write", async () => {
    const set = exampleSet();
    const { calls, client } = recordingClient();
    await set.ingest(client);
    expect(calls[0]![1]).toEqual(set.toJsonLines().map((l) => JSON.stringify(l)));
  });

  test("ingest is one import of every series, then one flush", async () => {
    const set = exampleSet();
    const { calls, client } = recordingClient();
    await set.ingest(client);
    expect(calls.map(([name]) => name)).toEqual(["importJsonLines", "importRemoteWrite", "flush"]);
    expect((calls[0]![1] as string[]).map((l) => JSON.parse(l))).toEqual(set.toJsonLines());
    expect(calls[1]![1]).toEqual([]); // the client sends nothing for an empty list
  });

  test("series with a staleness marker go by remote write, the others by JSON import", async () => {
    const set = exampleSet();
    set.series("up", "1 stale 1");
    const { calls, client } = recordingClient();
    await set.ingest(client);
    expect((calls[0]![1] as string[]).map((l) => JSON.parse(l).metric.__name__)).toEqual([
      "c",
      "g",
      "h_bucket",
      "h_bucket",
      "h_sum",
      "h_count",
    ]);
    expect(calls[1]![1]).toEqual(set.toJsonLines().filter((l) => l.metric.__name__ === "up"));
  });
});
