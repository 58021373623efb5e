/**
 * Every limit of the API, in one place (metrics-api.md §5, §6).
 * A limit exists so that no request can make the server or VictoriaMetrics do unbounded work.
 */
export const LIMITS = {
  /** step_seconds when a range query omits it: one point per minute, the dashboards' default. */
  defaultStepSeconds: 60,
  minStepSeconds: 1,
  maxStepSeconds: 86_400,
  /** Points per series of a range answer (VictoriaMetrics' own cap is 30,000). */
  maxPoints: 11_000,
  /**
   * Values in one answer: points x leaf fields, summed over every metric field and alias
   * (answer-size.ts). 200,000 values are about 4 MB of JSON and 0.4 s of one core to build.
   */
  maxDocumentValues: 200_000,
  /**
   * Values of large answers being built at once, over all requests: two of the largest. A
   * request that would go over waits its turn (values-in-flight.ts), so memory stays bounded.
   */
  maxValuesInFlight: 400_000,
  /**
   * Answers of at most this many values are not large: they never wait for a turn (a
   * dashboard's hour of all seven range fields is about 1,300 values).
   */
  smallAnswerValues: 10_000,
  /**
   * Values of one answer completed between two turns of the event loop (answer-slices.ts), so
   * that /healthz and other requests wait for a slice, not for a whole answer. One field is
   * never split: the largest (11,000 percentile points of six leaves) is 66,000 values.
   */
  valuesPerSlice: 10_000,
  minInstantWindowSeconds: 1,
  maxInstantWindowSeconds: 400 * 86_400,
  /** UTF-8 bytes of the GraphQL document (the query text, not the variables). */
  maxDocumentBytes: 20 * 1024,
  /**
   * Brackets (`{`, `[`, `(`) open at once in the document. graphql-js recurses on nesting and
   * overflows its stack at about 2,000 levels; this schema's deepest useful document has 5 and
   * GraphiQL's introspection query 10.
   */
  maxNestingDepth: 32,
  /** Fields of the four result types; each one is one query to VictoriaMetrics. */
  maxMetricFields: 50,
  /**
   * Root queries per document. Each checks that its model version exists (one more query to
   * VictoriaMetrics), so aliases of `range_model_metrics { __typename }` must be bounded too.
   */
  maxRootQueries: 50,
  /** Bytes of an HTTP request body: the document, the variables and JSON framing. */
  maxBodyBytes: 64 * 1024,
} as const;

export const MODEL_VERSION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
