import type { EquivalentMutant } from "./summary";

/**
 * Mutants of the reference API that no query result can tell from the original code, each with
 * why. `npm run mutate` leaves them out of its score and fails when one of them is caught after
 * all or no longer matches the code (src/mutate/summary.ts). The README lists them too.
 */
export const EQUIVALENT_MUTANTS: readonly EquivalentMutant[] = [
  {
    file: "src/api/fields.ts",
    mutator: "StringLiteral",
    original: '"count"',
    replacement: '""',
    in: 'mql.inferenceVolume(scope, w, "count")',
    why: 'inferenceVolume tests its rate for "per-minute" only: any other string is a count.',
  },
  {
    file: "src/api/fields.ts",
    mutator: "StringLiteral",
    original: '"count"',
    replacement: '""',
    in: 'mql.inferenceVolumeByStatusClass(scope, w, "count")',
    why: 'inferenceVolumeByStatusClass tests its rate for "per-minute" only: any other string is a count.',
  },
  {
    file: "src/api/metricsql.ts",
    mutator: "StringLiteral",
    original: '"phi"',
    replacement: '""',
    why: "The query and the reader take the quantile label from this one constant, and VictoriaMetrics 1.79.5 labels histogram_quantiles' results with an empty label name as with any other.",
  },
  {
    file: "src/api/points.ts",
    mutator: "ConditionalExpression",
    original: "label === undefined",
    replacement: "false",
    why: 'Without a label the series is an ungrouped sum, which has no labels: metric["undefined"] is missing, as "" is.',
  },
  {
    file: "src/api/points.ts",
    mutator: "ConditionalExpression",
    original: "v !== undefined",
    replacement: "true",
    why: "Number.isFinite(undefined) is false already: the first test only narrows the type.",
  },
  {
    file: "src/api/points.ts",
    mutator: "MethodExpression",
    original: '[...indexBy(result, "instance_type")] .sort(([a], [b]) => byCodePoint(a, b))',
    replacement: '[...indexBy(result, "instance_type")]',
    why: "VictoriaMetrics 1.79.5 answers series sorted by their labels' bytes, which is code point order: the sort keeps the order it gets (it is there for stores that do not sort).",
  },
  {
    file: "src/api/points.ts",
    mutator: "ArrowFunction",
    original: "([a], [b]) => byCodePoint(a, b)",
    replacement: "() => undefined",
    why: "As the sort itself: VictoriaMetrics' order is the sorted order, and a comparator that says nothing keeps it.",
  },
  {
    file: "src/api/points.ts",
    mutator: "ArrowFunction",
    original: "(a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b))",
    replacement: "() => undefined",
    why: "As the sort itself: VictoriaMetrics' order is the sorted order, and a comparator that says nothing keeps it.",
  },
];
