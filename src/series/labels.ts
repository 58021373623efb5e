import type { Labels } from "../vm/client";
import { SeriesError } from "./errors";

export type { Labels };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `name{a="1", b="2"}` as Prometheus prints a series; errors use it to name one. */
export function formatSeries(name: string, labels: Readonly<Labels>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return pairs.length === 0 ? name : `${name}{${pairs.join(", ")}}`;
}

/** A key equal for equal label sets, whatever the order the case wrote them in. */
export function identityKey(name: string, labels: Readonly<Labels>): string {
  return JSON.stringify([
    name,
    ...Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  ]);
}

export function checkMetricName(name: unknown, where: string): asserts name is string {
  if (typeof name !== "string" || !METRIC_NAME.test(name)) {
    throw new SeriesError(
      `${where}: ${JSON.stringify(name)} is not a valid metric name; allowed: [a-zA-Z_:][a-zA-Z0-9_:]*`,
    );
  }
}

/** Label names as Prometheus accepts them; `reserved` adds names this kind of series sets itself (le). */
export function checkLabels(
  labels: unknown,
  where: string,
  reserved: readonly string[] = [],
): asserts labels is Labels {
  if (typeof labels !== "object" || labels === null || Array.isArray(labels)) {
    throw new SeriesError(`${where}: labels must be an object of label name to string value; got ${String(labels)}`);
  }
  for (const [name, value] of Object.entries(labels)) {
    if (!LABEL_NAME.test(name)) {
      throw new SeriesError(
        `${where}: ${JSON.stringify(name)} is not a valid label name; allowed: [a-zA-Z_][a-zA-Z0-9_]*`,
      );
    }
    if (name === "__name__") {
      throw new SeriesError(
        `${where}: the label __name__ is the metric name; pass the name as the first argument instead`,
      );
    }
    if (reserved.includes(name)) {
      throw new SeriesError(`${where}: the label ${name} is set by the series itself and cannot be given`);
    }
    if (typeof value !== "string") {
      throw new SeriesError(
        `${where}: the value of label ${name} must be a string; got ${typeof value} ${String(value)}`,
      );
    }
  }
}

/** True when every label of `subset` is in `labels` with the same value. */
export function hasLabels(labels: Readonly<Labels>, subset: Readonly<Labels>): boolean {
  for (const k in subset) if (labels[k] !== subset[k]) return false;
  return true;
}
