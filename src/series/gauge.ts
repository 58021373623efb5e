import type { Labels } from "./labels";
import { byTime, Series, type Sampled, type TickValues } from "./series";

export interface GaugeSet {
  readonly at: number;
  readonly value: number;
}

/** A gauge: its value at a tick is the last value set at or before it; no sample before the first set. */
export class Gauge extends Series {
  readonly kind = "gauge";
  /** The values set, in call order (Unix ms); at one instant the last call wins. */
  readonly sets: GaugeSet[] = [];

  set(at: Date, value: number): this {
    const call = "set(at, value)";
    const t = this.checkTime(at, call);
    this.sets.push({ at: t, value: this.checkFinite(value, call, "value") });
    this.touched = true;
    return this;
  }

  /** The value at `at` (Unix ms), or undefined before the first set. */
  valueAt(at: number): number | undefined {
    let found: GaugeSet | undefined;
    for (const s of this.sets) if (s.at <= at && (found === undefined || s.at >= found.at)) found = s;
    return found?.value;
  }

  protected derive(ownLabels: Labels): this {
    return new Gauge(this.name, ownLabels, this.ctx) as this;
  }

  protected sampleAll(): Sampled[] {
    const ticks = this.ctx.scrape.ticks;
    const sets = byTime(this.sets);
    const values: TickValues = new Array(ticks.length);
    let i = 0;
    let current: number | null = null;
    for (let k = 0; k < ticks.length; k++) {
      while (i < sets.length && sets[i]!.at <= ticks[k]!) current = sets[i++]!.value;
      values[k] = current;
    }
    const sampled = this.present({ __name__: this.name, ...this.labelSet }, values);
    return sampled ? [sampled] : [];
  }
}
