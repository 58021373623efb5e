import { groupOf, isHistogram, type FieldReading, type MetricType } from "./contract";
import type { CaseFacts, SeriesFacts } from "./facts";
import type { QueryTime, Window } from "./query-time";
import { firstAfter } from "../series/sorted-times";

/**
 * The data conditions a field's cases can exercise, each a kind of data that lets a realistic
 * bug through when no case has it. Keys are the table's column headers; `short` is the
 * terminal's legend, `text` the README's and the report's.
 */
export const CONDITIONS = {
  reset: {
    short: "a counter resets",
    text: "a counter of the field drops (a reset, as the scrapes show it) inside a window",
  },
  gap: { short: "a scrape is missed", text: "a series of the field misses a scrape inside a window" },
  stale: { short: "a staleness marker", text: "a series of the field has a staleness marker inside a window" },
  empty: {
    short: "a window with no change",
    text: "a window in which no series of the field changes (no counter or histogram rises, no gauge has a sample), or the field has no series",
  },
  grid: {
    short: "a window off the grids",
    text: "the range's end is off its step grid, or a window starts or ends between scrape ticks",
  },
  "+Inf": {
    short: "an observation in the +Inf bucket",
    text: "a histogram of the field gets an observation above its largest finite bucket inside a window",
  },
  group: {
    short: "two series in one answer group",
    text: "two series that one answer group adds up (one instance type, one status class, or all of them) change in one window",
  },
  late: { short: "a series starts late", text: "a series of the field has its first sample after the query's start" },
  ends: {
    short: "a series stops early",
    text: "a series of the field has its last sample before the query's end, while the scrape goes on",
  },
  "no-5xx": { short: "statuses, none 5xx", text: "the field's series have statuses, and none of them is a 5xx" },
  "other-ns": {
    short: "a model version only in another namespace",
    text: "the model version asked for has series only in another namespace (NOT_FOUND)",
  },
} as const;

export type Condition = keyof typeof CONDITIONS;
export const CONDITION_NAMES = Object.keys(CONDITIONS) as Condition[];

/**
 * The conditions that can matter to a field, from what it reads: a reset only where a counter or
 * histogram is read by its increase, the +Inf bucket only where buckets are, the absence of 5xx
 * only where the answer tells statuses apart. A field the contract does not have: all of them.
 */
export function conditionsThatApply(reading: FieldReading | undefined): Condition[] {
  if (!reading) return CONDITION_NAMES;
  const types = Object.values(reading.metrics);
  return CONDITION_NAMES.filter((c) => {
    if (c === "reset") return types.some((t) => t !== "gauge");
    if (c === "+Inf") return types.includes("buckets");
    if (c === "no-5xx") return reading.byStatus;
    return true;
  });
}

/** One metric field as one root query of a case asks it. */
export interface FieldUse {
  /** What the field reads (contract.ts); undefined: every series of its scope, one group. */
  reading?: FieldReading;
  /** The model version the root query asks for; undefined: the whole namespace. */
  modelVersionId?: string;
  /** Undefined when the arguments make no window (the query is refused). */
  time?: QueryTime;
}

/**
 * The conditions one use of a field exercises, derived from the case's series and the query's
 * arguments alone: nothing is declared by the case. Pure; the run's main process calls it.
 */
export function conditionsOf(facts: CaseFacts, use: FieldUse): Set<Condition> {
  const found = new Set<Condition>();
  const read = seriesRead(facts, use);
  const statuses = read.filter(({ s }) => s.labels.status !== undefined);
  if (statuses.length > 0 && !statuses.some(({ s }) => s.labels.status!.startsWith("5"))) found.add("no-5xx");
  if (use.modelVersionId !== undefined && elsewhereOnly(facts, use.modelVersionId)) found.add("other-ns");
  const time = use.time;
  if (time) {
    const scrape = new Scrape(facts.scrape);
    const inAWindow = (times: readonly number[] | undefined) =>
      times !== undefined && time.windows.some((w) => anyIn(times, w));
    const counters = read.filter(({ as }) => as !== "gauge");
    const happenings: Array<[Condition, Read[], (s: SeriesFacts) => readonly number[] | undefined]> = [
      ["reset", counters, (s) => s.drops],
      ["gap", read, (s) => s.missed],
      ["stale", read, (s) => s.stale],
      ["+Inf", read, (s) => s.infRises],
    ];
    for (const [condition, series, at] of happenings) {
      if (series.some(({ s }) => inAWindow(at(s)))) found.add(condition);
    }
    // A gauge is read by its samples; a counter or histogram by its changes.
    const active = ({ s, as }: Read, w: Window) =>
      as === "gauge" ? scrape.hasSampleIn(s, w) : anyIn(s.rises, w) || anyIn(s.drops, w);
    if (time.windows.some((w) => !read.some((r) => active(r, w)))) found.add("empty");
    const offTicks = ([from, to]: Window) => !scrape.isTick(from) || !scrape.isTick(to);
    const offStep = time.step !== undefined && (time.end - time.start) % time.step !== 0;
    if (offStep || time.windows.some(offTicks)) found.add("grid");
    const group = use.reading?.group ?? "all";
    const twoInOneGroup = (w: Window) => {
      const seen = new Set<string>();
      for (const r of read) {
        const key = groupOf(group, r.s.labels);
        if (key === undefined || !active(r, w)) continue;
        if (seen.has(key)) return true;
        seen.add(key);
      }
      return false;
    };
    if (time.windows.some(twoInOneGroup)) found.add("group");
    const { start, end } = time;
    if (read.some(({ s }) => s.first !== undefined && s.first > start && s.first <= end)) found.add("late");
    if (read.some(({ s }) => s.last !== undefined && s.last >= start && s.last < end && s.last < scrape.lastTick))
      found.add("ends");
  }
  const applies = conditionsThatApply(use.reading);
  return new Set(applies.filter((c) => found.has(c)));
}

/** A series a field reads, and as what. */
interface Read {
  s: SeriesFacts;
  as: MetricType;
}

/**
 * The series of the query's scope (the case's namespace, and the model version unless it asks
 * namespace-wide) that the field reads: those of its metrics, or every one for a field the
 * contract does not have (a gauge or notation series read as a gauge, the rest as counters).
 */
function seriesRead(facts: CaseFacts, use: FieldUse): Read[] {
  const read: Read[] = [];
  for (const s of facts.series) {
    if (s.labels.namespace !== facts.namespace) continue;
    if (use.modelVersionId !== undefined && s.labels.model_version_id !== use.modelVersionId) continue;
    const as = use.reading ? typeOf(use.reading, s) : s.kind === "gauge" || s.kind === "samples" ? "gauge" : "counter";
    if (as) read.push({ s, as });
  }
  return read;
}

/**
 * The type the field reads a series as; undefined when it does not read it. A notation series of a
 * histogram's `_bucket`, `_sum` or `_count` is that histogram's.
 */
function typeOf(reading: FieldReading, s: SeriesFacts): MetricType | undefined {
  const own = reading.metrics[s.name];
  if (own || s.kind !== "samples") return own;
  const type = reading.metrics[s.name.replace(/_(bucket|sum|count)$/, "")];
  return isHistogram(type) ? type : undefined;
}

/** No series of the case's namespace carries the id, and one of another namespace does. */
function elsewhereOnly(facts: CaseFacts, modelVersionId: string): boolean {
  const withId = facts.series.filter((s) => s.labels.model_version_id === modelVersionId);
  return withId.length > 0 && withId.every((s) => s.labels.namespace !== facts.namespace);
}

/** Whether a sorted list holds a time in (from, to]. */
function anyIn(sorted: readonly number[], [from, to]: Window): boolean {
  const i = firstAfter(sorted, from);
  return i < sorted.length && sorted[i]! <= to;
}

/** How many of a sorted list are in (from, to]. */
function countIn(sorted: readonly number[], [from, to]: Window): number {
  return firstAfter(sorted, to) - firstAfter(sorted, from);
}

/** The case's scrape ticks, counted rather than listed: a window may be a year long. */
class Scrape {
  readonly lastTick: number;

  constructor(private readonly scrape: CaseFacts["scrape"]) {
    this.lastTick = scrape.fromMs + Math.floor((scrape.toMs - scrape.fromMs) / scrape.everyMs) * scrape.everyMs;
  }

  /** Whether `t` is on the scrape's grid from + k * every (before or after its range too). */
  isTick(t: number): boolean {
    return (t - this.scrape.fromMs) % this.scrape.everyMs === 0;
  }

  /** Whether the series has a sample that is no staleness marker in the window. */
  hasSampleIn(s: SeriesFacts, [from, to]: Window): boolean {
    if (s.first === undefined || s.last === undefined) return false;
    const window: Window = [Math.max(from, s.first - 1), Math.min(to, s.last)];
    return this.ticksIn(window) > countIn(s.missed, window) + countIn(s.stale, window);
  }

  /** How many ticks are in (from, to]. */
  private ticksIn([from, to]: Window): number {
    const { fromMs, everyMs } = this.scrape;
    const upTo = (t: number) => (t < fromMs ? 0 : Math.min(Math.floor((t - fromMs) / everyMs), this.count - 1) + 1);
    return to <= from ? 0 : upTo(to) - upTo(from);
  }

  private get count(): number {
    return (this.lastTick - this.scrape.fromMs) / this.scrape.everyMs + 1;
  }
}
