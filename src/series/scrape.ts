import { SeriesError } from "./errors";
import { checkOptions } from "./options";
import { DEFAULT_SCRAPE, TIME_BASE, type ScrapeOptions } from "./time";

/** A checked scrape in Unix milliseconds, with its ticks. */
export interface Scrape {
  readonly everyMs: number;
  readonly fromMs: number;
  readonly toMs: number;
  /** from + k * every <= to, ascending; shared by every series that has a sample at each tick. */
  readonly ticks: readonly number[];
}

export const isValidDate = (d: unknown): d is Date => d instanceof Date && Number.isFinite(d.getTime());

/** A time as the case wrote it: `ts(n)`. */
export const tsOf = (ms: number): string => `ts(${(ms - TIME_BASE.getTime()) / 1000})`;

/** How a time reads in an error: as the case wrote it (`ts(n)`) and as an ISO string. */
export function describeTime(ms: number): string {
  return `${tsOf(ms)} = ${new Date(ms).toISOString()}`;
}

/** A window (from, to] given to `where` (`truth.increments`), in Unix ms; refuses invalid dates and from after to. */
export function checkWindow(where: string, from: Date, to: Date): [from: number, to: number] {
  for (const [arg, d] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isValidDate(d))
      throw new SeriesError(`${where}: ${arg} must be a valid Date such as ts(60); got ${String(d)}`);
  }
  const [a, b] = [from.getTime(), to.getTime()];
  if (a > b) throw new SeriesError(`${where}: from (${describeTime(a)}) is after to (${describeTime(b)})`);
  return [a, b];
}

/** The keys ScrapeOptions has: a misspelt one (`evry`) is refused rather than left at its default. */
const SCRAPE_OPTIONS: ReadonlyArray<keyof ScrapeOptions> = ["every", "from", "to"];

export function resolveScrape(options: ScrapeOptions = {}): Scrape {
  checkOptions(options, SCRAPE_OPTIONS, "scrape");
  const every = options.every ?? DEFAULT_SCRAPE.every;
  const from = options.from ?? DEFAULT_SCRAPE.from;
  const to = options.to ?? DEFAULT_SCRAPE.to;
  const everyMs = every * 1000;
  if (!Number.isFinite(everyMs) || everyMs <= 0 || !Number.isInteger(everyMs)) {
    throw new SeriesError(`scrape.every must be a positive number of seconds (whole milliseconds); got ${every}`);
  }
  for (const [key, d] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isValidDate(d)) throw new SeriesError(`scrape.${key} must be a valid Date (use ts(n)); got ${String(d)}`);
  }
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (fromMs > toMs) {
    throw new SeriesError(`scrape.from (${describeTime(fromMs)}) is after scrape.to (${describeTime(toMs)})`);
  }
  const ticks: number[] = [];
  for (let t = fromMs; t <= toMs; t += everyMs) ticks.push(t);
  return { everyMs, fromMs, toMs, ticks };
}
