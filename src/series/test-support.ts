// Shared by the unit tests beside it: a set's samples in the seconds a case author writes.
import { formatSeries } from "./labels";
import type { SeriesSet } from "./series-set";
import { TIME_BASE } from "./time";

/** Each series (as `name{labels}`, without common labels) to its [ts seconds, value] samples. */
export function samplesOf(set: SeriesSet, omit: readonly string[] = []): Record<string, Array<[number, number]>> {
  return Object.fromEntries(
    set.toJsonLines().map(({ metric: { __name__, ...labels }, timestamps, values }) => {
      for (const k of omit) delete labels[k];
      const points = timestamps.map((t, i): [number, number] => [(t - TIME_BASE.getTime()) / 1000, values[i]!]);
      return [formatSeries(__name__, labels), points];
    }),
  );
}

/** [ts seconds, value] pairs from ticks and values given side by side. */
export const zip = (seconds: number[], values: number[]): Array<[number, number]> =>
  seconds.map((s, i) => [s, values[i]!]);
