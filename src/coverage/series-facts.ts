import type { Scrape } from "../series/scrape";
import type { Sampled, Series } from "../series/series";
import type { CaseFacts, QueryFacts, SeriesFacts } from "./facts";

/**
 * The facts of a case's series, from their samples as ingested (so a reset between two ticks that
 * the next tick does not show is no reset here, as for VictoriaMetrics). Runs in the case file:
 * one pass over each series' samples, nothing loaded.
 */
export function seriesFacts(series: readonly Series[], scrape: Scrape): SeriesFacts[] {
  const facts: SeriesFacts[] = [];
  for (const s of series) {
    const sampled = s.sample();
    if (sampled.length === 0) continue;
    const { __name__: _, le: __, ...labels } = sampled[0]!.metric;
    if (s.kind !== "histogram") {
      facts.push({ name: s.name, kind: s.kind, labels, ...samplesFacts(sampled[0]!, scrape.ticks) });
      continue;
    }
    const count = sampled.find((x) => x.metric.__name__ === `${s.name}_count`)!;
    const buckets = sampled.filter((x) => x.metric.__name__ === `${s.name}_bucket`);
    facts.push({
      name: s.name,
      kind: s.kind,
      labels,
      ...samplesFacts(count, scrape.ticks),
      infRises: infRises(buckets.at(-2)!.values, buckets.at(-1)!.values, count.timestamps),
    });
  }
  return facts;
}

/** The case's facts for the run's record: its ids, scrape, series and each declared query. */
export function caseFacts(
  ids: { namespace: string; modelVersionId: string },
  series: readonly Series[],
  scrape: Scrape,
  queries: Record<string, QueryFacts>,
): CaseFacts {
  const { everyMs, fromMs, toMs } = scrape;
  return { ...ids, scrape: { everyMs, fromMs, toMs }, series: seriesFacts(series, scrape), queries };
}

function samplesFacts(s: Sampled, ticks: readonly number[]): Omit<SeriesFacts, "name" | "kind" | "labels"> {
  const { timestamps, values } = s;
  const facts: Omit<SeriesFacts, "name" | "kind" | "labels"> = { missed: [], stale: [], drops: [], rises: [] };
  if (timestamps.length === 0) return facts;
  facts.first = timestamps[0]!;
  facts.last = timestamps.at(-1)!;
  let k = ticks.indexOf(facts.first);
  let previous: number | undefined;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    for (; ticks[k]! < t; k++) facts.missed.push(ticks[k]!);
    k++;
    const v = values[i]!;
    if (Number.isNaN(v)) {
      facts.stale.push(t);
      continue;
    }
    if (v > (previous ?? 0)) facts.rises.push(t);
    else if (previous !== undefined && v < previous) facts.drops.push(t);
    previous = v;
  }
  return facts;
}

/** Where observations above the largest finite bound arrived: the +Inf bucket rose more than it. */
function infRises(largestFinite: readonly number[], inf: readonly number[], timestamps: readonly number[]): number[] {
  const rises: number[] = [];
  let above = 0;
  for (let i = 0; i < inf.length; i++) {
    const now = inf[i]! - largestFinite[i]!;
    if (now > above) rises.push(timestamps[i]!);
    above = now;
  }
  return rises;
}
