import type { Labels } from "./labels";
import { describeTime } from "./scrape";
import { byTime, Series, type Sampled } from "./series";

export interface Increment {
  readonly at: number;
  readonly by: number;
}
export interface Ramp {
  readonly from: number;
  readonly to: number;
  readonly perSecond: number;
}

/**
 * A monotonic counter. Its value at a tick is the sum of its increments at or before the tick
 * since its last reset, plus what its ramps added since that reset. A reset at t zeroes the
 * counter just before t: increments at t itself count after the reset, whatever the order of
 * the calls, as a scrape at t would see them.
 */
export class Counter extends Series {
  readonly kind = "counter";
  /** The events the counter was built from, in call order (Unix ms); the truth reads them. */
  readonly increments: Increment[] = [];
  readonly ramps: Ramp[] = [];
  readonly resets: number[] = [];

  inc(at: Date, by = 1): this {
    const call = "inc(at, by)";
    const t = this.checkTime(at, call);
    const n = this.checkFinite(by, call, "by");
    if (n < 0)
      throw this.error(call, `by = ${n} is negative; a counter only goes up (use .reset(at) to model a restart)`);
    this.increments.push({ at: t, by: n });
    this.touched = true;
    return this;
  }

  /** A steady increase of `perSecond` from `from` to `to`, as if incremented continuously. */
  ramp(from: Date, to: Date, perSecond: number): this {
    const call = "ramp(from, to, perSecond)";
    const a = this.checkTime(from, call, "from");
    const b = this.checkTime(to, call, "to");
    if (a > b) throw this.error(call, `from (${describeTime(a)}) is after to (${describeTime(b)})`);
    const rate = this.checkFinite(perSecond, call, "perSecond");
    if (rate < 0) throw this.error(call, `perSecond = ${rate} is negative; a counter only goes up`);
    this.ramps.push({ from: a, to: b, perSecond: rate });
    this.touched = true;
    return this;
  }

  /** A restart of the exporter: the counter drops to 0 at `at`. */
  reset(at: Date): this {
    this.resets.push(this.checkTime(at, "reset(at)"));
    this.touched = true;
    return this;
  }

  protected derive(ownLabels: Labels): this {
    return new Counter(this.name, ownLabels, this.ctx) as this;
  }

  protected sampleAll(): Sampled[] {
    const ticks = this.ctx.scrape.ticks;
    const incs = byTime(this.increments);
    const resets = [...this.resets].sort((x, y) => x - y);
    const values: number[] = new Array(ticks.length);
    let i = 0;
    let r = 0;
    let value = 0;
    let lastReset = -Infinity;
    for (let k = 0; k < ticks.length; k++) {
      const tick = ticks[k]!;
      // Walk events up to the tick in time order; a reset goes before increments at its instant.
      for (;;) {
        const reset = resets[r];
        const inc = incs[i];
        if (reset !== undefined && reset <= tick && (inc === undefined || reset <= inc.at)) {
          value = 0;
          lastReset = reset;
          r++;
        } else if (inc !== undefined && inc.at <= tick) {
          value += inc.by;
          i++;
        } else break;
      }
      let v = value;
      for (const ramp of this.ramps) {
        const start = Math.max(ramp.from, lastReset);
        const end = Math.min(ramp.to, tick);
        if (end > start) v += (ramp.perSecond * (end - start)) / 1000;
      }
      values[k] = v;
    }
    const sampled = this.present({ __name__: this.name, ...this.labelSet }, values);
    return sampled ? [sampled] : [];
  }
}
