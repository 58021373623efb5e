/** Bad input from a case: names the series and the call, and says what is allowed. */
export class SeriesError extends Error {
  override name = "SeriesError";
}
