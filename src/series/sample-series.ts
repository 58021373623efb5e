import { SeriesError } from "./errors";
import type { Labels } from "./labels";
import type { Point } from "./notation";
import { Series, type Sampled, type SeriesContext } from "./series";

/**
 * A series given sample by sample in promtool's notation: point k is the sample at tick k.
 * It has no events, so the truth does not know it.
 */
export class SampleSeries extends Series {
  readonly kind = "samples";

  /** `points`: at most one per tick of the scrape (parseNotation checks). */
  constructor(
    name: string,
    ownLabels: Labels,
    ctx: SeriesContext,
    readonly points: readonly Point[],
  ) {
    super(name, ownLabels, ctx);
    this.touched = true;
  }

  protected derive(): this {
    throw new SeriesError(
      `${this}.labels(): a notation series has no children; write another series(...) with its own values`,
    );
  }

  protected sampleAll(): Sampled[] {
    const values = this.ctx.scrape.ticks.map((_, k) => this.points[k] ?? null);
    const sampled = this.present({ __name__: this.name, ...this.labelSet }, values);
    return sampled ? [sampled] : [];
  }
}
