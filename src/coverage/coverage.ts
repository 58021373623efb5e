import type { GraphQLSchema } from "graphql";
import type { AcceptedGap } from "./accepted-gaps";
import { conditionsOf, conditionsThatApply, type Condition } from "./conditions";
import { CONTRACT_FIELDS } from "./contract";
import { documentUses } from "./document-uses";
import type { CaseFacts } from "./facts";
import { queryTime } from "./query-time";
import { schemaSurface } from "./schema-surface";

/** A schema coordinate and the case modules that query it. */
export interface Covered {
  coordinate: string;
  cases: string[];
}

/**
 * A field of a root query's result, with the case modules that exercise each data condition on
 * it; a condition that cannot matter to the field (conditionsThatApply) is absent.
 */
export interface MetricFieldCoverage extends Covered {
  conditions: Partial<Record<Condition, string[]>>;
}

/** The coverage of the metrics surface: plain data, for the terminal, the golden report and the CI verdict. */
export interface CoverageModel {
  caseModules: number;
  queries: number;
  /** Every field reachable from Query, in the schema's order. */
  fields: Covered[];
  arguments: Covered[];
  metricFields: MetricFieldCoverage[];
  gaps: {
    /** Fields no case queries, accepted in cases/accepted-gaps.txt. */
    accepted: AcceptedGap[];
    /** Fields no case queries and no line accepts: CI=true fails on them. */
    uncovered: string[];
    /** Lines that accept nothing: the field is queried, or is not in the schema. */
    stale: Array<AcceptedGap & { why: string }>;
  };
}

/** One case module of the run: its file's name without `.case.ts`, and its facts. */
export interface CaseInput {
  name: string;
  facts: CaseFacts;
}

/**
 * Joins the schema with what each case queries and with its data: which fields and arguments
 * some case asks for, and for each field of a root query's result which data conditions its
 * cases exercised (conditions.ts). Runs in the run's main process.
 */
export function buildCoverage(schema: GraphQLSchema, cases: CaseInput[], accepted: AcceptedGap[]): CoverageModel {
  const surface = schemaSurface(schema);
  const by = (coordinates: string[]) => new Map(coordinates.map((c) => [c, new Set<string>()]));
  const fields = by(surface.fields);
  const args = by(surface.arguments);
  const readingOf = (coordinate: string) => CONTRACT_FIELDS[coordinate.slice(coordinate.indexOf(".") + 1)];
  const metric = new Map(
    surface.metricFields.map((c) => [c, new Map(conditionsThatApply(readingOf(c)).map((k) => [k, new Set<string>()]))]),
  );
  let queries = 0;
  for (const { name, facts } of cases) {
    for (const query of Object.values(facts.queries)) {
      queries++;
      const uses = documentUses(schema, query.document, query.variables);
      for (const c of uses.fields) fields.get(c)?.add(name);
      for (const c of uses.args) args.get(c)?.add(name);
      for (const root of uses.roots) {
        const time = queryTime(root.args, root.ranged);
        const modelVersionId = typeof root.args.model_version_id === "string" ? root.args.model_version_id : undefined;
        for (const field of root.metricFields) {
          const reading = readingOf(field.coordinate);
          for (const condition of conditionsOf(facts, { reading, modelVersionId, time }))
            metric.get(field.coordinate)?.get(condition)?.add(name);
        }
      }
    }
  }

  const list = (map: Map<string, Set<string>>): Covered[] =>
    [...map].map(([coordinate, names]) => ({ coordinate, cases: [...names].sort() }));
  const covered = list(fields);
  const casesOf = new Map(covered.map((f) => [f.coordinate, f.cases]));
  const uncovered = covered.filter((f) => f.cases.length === 0).map((f) => f.coordinate);
  const stale = accepted.flatMap((gap) => {
    const queriedBy = casesOf.get(gap.field);
    if (queriedBy === undefined) return [{ ...gap, why: "not a field of the schema (reachable from Query)" }];
    return queriedBy.length > 0 ? [{ ...gap, why: `queried by ${queriedBy.join(", ")}` }] : [];
  });
  const acceptedFields = new Set(accepted.map((g) => g.field));
  return {
    caseModules: cases.length,
    queries,
    fields: covered,
    arguments: list(args),
    metricFields: [...metric].map(([coordinate, conditions]) => ({
      coordinate,
      cases: casesOf.get(coordinate) ?? [],
      conditions: Object.fromEntries([...conditions].map(([condition, names]) => [condition, [...names].sort()])),
    })),
    gaps: {
      accepted: accepted.filter((g) => uncovered.includes(g.field)),
      uncovered: uncovered.filter((f) => !acceptedFields.has(f)),
      stale,
    },
  };
}
