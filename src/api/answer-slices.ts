/**
 * graphql-js completes every field whose value is ready in one go: a 200,000-value answer would
 * keep /healthz and every other request waiting until all of it is built. A request's root
 * resolvers hand their fields' values out through one AnswerSlices instead: at most
 * `valuesPerSlice` values complete in a row, then the event loop takes a turn (and serves
 * pending I/O) before the next slice. A small answer is one slice and costs nothing.
 *
 * A field is never split. Splitting its list item by item (a promise per point) was measured:
 * it left /healthz's worst wait as it was (the store's answer being read, the JSON encoding of
 * the whole answer and garbage collection block as long as one field) and raised the peak
 * memory of four heavy answers at once by about 40%.
 */
export class AnswerSlices {
  private valuesInSlice = 0;
  /** The latest turn; undefined until the first slice is full. */
  private turn: Promise<void> | undefined;

  constructor(private readonly valuesPerSlice: number) {}

  /**
   * `value` as is when its `values` fit in the current slice, else a promise of it that
   * resolves in a later slice. Values handed later complete later: the order is kept. A value
   * larger than a slice goes whole, in a slice of its own.
   */
  hand<T>(values: number, value: T): T | Promise<T> {
    const fits = this.valuesInSlice === 0 || this.valuesInSlice + values <= this.valuesPerSlice;
    if (!fits) {
      this.turn = (this.turn ?? Promise.resolve()).then(nextTurn);
      this.valuesInSlice = 0;
    }
    this.valuesInSlice += values;
    return this.turn ? this.turn.then(() => value) : value;
  }
}

/**
 * setImmediate runs after the poll phase, and one scheduled from a setImmediate callback (or
 * its promise reactions) waits for the next loop iteration: pending I/O is served in between.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
