import { SeriesError } from "./errors";
import { checkLabels, formatSeries, identityKey, type Labels } from "./labels";
import { describeTime, isValidDate, type Scrape } from "./scrape";

/** What a series needs from the set that made it. */
export interface SeriesContext {
  readonly scrape: Scrape;
  readonly commonLabels: Readonly<Labels>;
  /** Records a new series made by the call `where`; refuses a second one with the same name and labels. */
  register(series: Series, where: string): void;
}

export type SeriesKind = "counter" | "gauge" | "histogram" | "samples";

/** One series as VictoriaMetrics stores it: a value at each tick where it has a sample. */
export interface Sampled {
  readonly metric: Readonly<Labels> & { readonly __name__: string };
  /** Unix ms; the scrape's own `ticks` array when the series has a sample at every tick. */
  readonly timestamps: readonly number[];
  /** NaN is a staleness marker (the only NaN VictoriaMetrics keeps). */
  readonly values: readonly number[];
}

/** A value per tick, null where the series has no sample. */
export type TickValues = Array<number | null>;

export abstract class Series {
  abstract readonly kind: SeriesKind;
  /** Every label of the series: the set's common labels, overridden by the case's own. */
  readonly labelSet: Readonly<Labels>;
  private readonly gaps: Array<readonly [number, number]> = [];
  private readonly children = new Map<string, Series>();
  /** Set by any call that records data: a parent used only through .labels() is a family, not a series. */
  protected touched = false;

  constructor(
    readonly name: string,
    /** The labels the case gave, without the common ones: errors name the series by these. */
    readonly ownLabels: Readonly<Labels>,
    protected readonly ctx: SeriesContext,
  ) {
    this.labelSet = { ...ctx.commonLabels, ...ownLabels };
  }

  toString(): string {
    return formatSeries(this.name, this.ownLabels);
  }

  /** A child series with more labels; the same labels on the same parent give the same child. */
  labels(extra: Labels): this {
    const where = `${this}.labels(${extra && typeof extra === "object" ? formatSeries("", extra) : String(extra)})`;
    checkLabels(extra, where, this.reservedLabels());
    for (const name of Object.keys(extra)) {
      if (name in this.ownLabels) {
        throw new SeriesError(
          `${where}: the label ${name} is already set on this series; a child adds labels, it cannot change them`,
        );
      }
    }
    const key = identityKey("", extra);
    const existing = this.children.get(key);
    if (existing) return existing as this;
    const child = this.derive({ ...this.ownLabels, ...extra });
    this.ctx.register(child, where);
    this.children.set(key, child);
    return child;
  }

  /** Missed scrapes: no samples at the ticks in [from, to]. The value underneath goes on. */
  gap(from: Date, to: Date): this {
    const call = "gap(from, to)";
    const a = this.checkTime(from, call, "from");
    const b = this.checkTime(to, call, "to");
    if (a > b) throw this.error(call, `from (${describeTime(a)}) is after to (${describeTime(b)})`);
    this.gaps.push([a, b]);
    this.touched = true;
    return this;
  }

  /** The series to store: nothing for a pure family; several for a histogram. */
  sample(): Sampled[] {
    if (!this.touched && this.children.size > 0) return [];
    return this.sampleAll();
  }

  /** The identities (name and labels) this series stores, for duplicate detection: itself, unless a kind stores more. */
  emitted(): Array<{ name: string; labels: Readonly<Labels> }> {
    return [{ name: this.name, labels: this.labelSet }];
  }

  protected abstract sampleAll(): Sampled[];
  /** A series of the same kind and options with these own labels (registered by the caller). */
  protected abstract derive(ownLabels: Labels): this;
  /** Labels this kind sets itself and a case may not give (a histogram's le). */
  protected reservedLabels(): readonly string[] {
    return [];
  }

  /**
   * An error naming this series and the call (`inc(at, by)`). Built only on failure: events are
   * the hot path of a big case, and formatting the series name for each would dominate it.
   */
  protected error(call: string, problem: string): SeriesError {
    return new SeriesError(`${this}.${call}: ${problem}`);
  }

  /** Validates a time given to `call` and returns it in Unix ms. */
  protected checkTime(at: unknown, call: string, arg = "at"): number {
    if (!isValidDate(at)) {
      const hint = typeof at === "number" ? ` (did you mean ts(${at})?)` : "";
      throw this.error(call, `${arg} must be a valid Date such as ts(50); got ${describeValue(at)}${hint}`);
    }
    const ms = at.getTime();
    const { fromMs, toMs } = this.ctx.scrape;
    if (ms < fromMs || ms > toMs) {
      throw this.error(
        call,
        `${arg} = ${describeTime(ms)} is outside the scrape range ` +
          `[${describeTime(fromMs)}, ${describeTime(toMs)}]; widen the case's scrape or move the event`,
      );
    }
    return ms;
  }

  protected checkFinite(value: unknown, call: string, arg: string): number {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw this.error(call, `${arg} must be a finite number; got ${describeValue(value)}`);
    }
    return value;
  }

  /** Keeps the ticks with a value that no gap covers; undefined when none is left. */
  protected present(metric: Sampled["metric"], values: TickValues): Sampled | undefined {
    const ticks = this.ctx.scrape.ticks;
    if (this.gaps.length === 0 && !values.includes(null)) {
      return { metric, timestamps: ticks, values: values as number[] };
    }
    const timestamps: number[] = [];
    const kept: number[] = [];
    for (let k = 0; k < ticks.length; k++) {
      const v = values[k];
      const t = ticks[k]!;
      if (v === null || v === undefined || this.gaps.some(([a, b]) => t >= a && t <= b)) continue;
      timestamps.push(t);
      kept.push(v);
    }
    return kept.length === 0 ? undefined : { metric, timestamps, values: kept };
  }
}

export function describeValue(v: unknown): string {
  if (v instanceof Date) return `an invalid Date`;
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * The events in time order: as given when they already are (the usual case, and a big case's
 * hot path), else a sorted copy; stable, so events at one instant keep the order of the calls.
 */
export function byTime<T extends { at: number }>(events: readonly T[]): readonly T[] {
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.at < events[i - 1]!.at) return [...events].sort((x, y) => x.at - y.at);
  }
  return events;
}
