export interface ValuesInFlightOptions {
  /** Values that large work may hold at once. */
  capacity: number;
  /**
   * Work of at most this many values neither waits nor holds any: a dashboard's request never
   * queues behind heavy ones, and its answer is too small to matter to memory.
   */
  small: number;
}

/**
 * A bound on the values being built at once by large answers, over all requests: what keeps
 * memory bounded when many heavy requests arrive together. Each holds the values its answer
 * will have while it executes; one that would go over the capacity waits, first come first
 * served. Work of more values than the capacity runs alone rather than never.
 */
export class ValuesInFlight {
  private held = 0;
  private readonly queue: Array<{ values: number; start: () => void }> = [];

  constructor(private readonly options: ValuesInFlightOptions) {}

  /** Values held by large work that is running. */
  get values(): number {
    return this.held;
  }

  /** Large work waiting for its turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `work` once its values fit (at once, in this call, when they do), and releases them when it settles. */
  run<T>(values: number, work: () => Promise<T> | T): Promise<T> {
    if (values <= this.options.small) return attempt(work);
    const weight = Math.min(values, this.options.capacity);
    const release = () => this.release(weight);
    if (this.queue.length === 0 && this.fits(weight)) {
      this.held += weight;
      return attempt(work).finally(release);
    }
    // release() adds the weight when it starts this work.
    return new Promise<void>((start) => this.queue.push({ values: weight, start })).then(work).finally(release);
  }

  private fits(weight: number): boolean {
    return this.held + weight <= this.options.capacity;
  }

  private release(weight: number): void {
    this.held -= weight;
    while (this.queue.length > 0 && this.fits(this.queue[0]!.values)) {
      const next = this.queue.shift()!;
      this.held += next.values;
      next.start();
    }
  }
}

/** `work()` as a promise, a synchronous throw included. */
function attempt<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err);
  }
}
