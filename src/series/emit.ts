import type { JsonLine } from "../vm/client";
import type { Sampled } from "./series";

export function toJsonLine(s: Sampled): JsonLine {
  return { metric: { ...s.metric }, values: [...s.values], timestamps: [...s.timestamps] };
}

/** A staleness marker (NaN) needs remote write: JSON import cannot spell it. */
export const hasStaleMarker = (s: Sampled): boolean => s.values.includes(NaN);

/**
 * JSON-line text for the import, built by hand because it is the hot path: most series share
 * the scrape's ticks, so their timestamps are serialized once. Values are finite here, and
 * String(number) is JSON's number spelling for finite numbers.
 */
export function jsonLineWriter(ticks: readonly number[]): (s: Sampled) => string {
  const ticksText = ticks.join(",");
  return (s) =>
    `{"metric":${JSON.stringify(s.metric)},"values":[${s.values.join(",")}],"timestamps":[${
      s.timestamps === ticks ? ticksText : s.timestamps.join(",")
    }]}`;
}
