import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import { rangePoints } from "./arguments";
import { METRIC_TYPES, POINT_TYPES } from "./schema";

/**
 * How many values an answer will hold, known before anything runs: points x leaf fields, summed
 * over every metric field and alias (metrics-api.md §6). Points come from a root query's start,
 * end and step_seconds, which may be variables, so this counts at execution, with the variables
 * coerced, for the operation that runs.
 *
 * Counted as written, like the fan-out (document-limits.ts): a field that execution would merge
 * with another, or skip by @skip/@include, still counts, so the bound errs on the safe side.
 * A list of instance type series (billing) counts as one series: how many a namespace has is
 * unknown before asking, and is data, not something the client controls.
 */
export function answerValues(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): number {
  const operation = getOperationAST(document, operationName);
  const query = schema.getQueryType();
  if (!operation || operation.operation !== "query" || !query) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  // Execution refuses these variables itself, saying which is wrong, before any work.
  if (coerced.errors) return 0;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return new ValueCounter(schema, fragments, coerced.coerced).count(operation.selectionSet, query).once;
}

/** The values of the field being resolved, at `points` points: one alias of a metric field. */
export function fieldValues(info: GraphQLResolveInfo, points: number): number {
  const counter = new ValueCounter(info.schema, info.fragments, info.variableValues);
  const field = counter.count({ kind: Kind.SELECTION_SET, selections: info.fieldNodes }, info.parentType);
  return field.perPoint * points + field.once;
}

/** Values of a selection: `perPoint` for each point of its range, plus `once`. */
interface Values {
  perPoint: number;
  once: number;
}
const NONE: Values = { perPoint: 0, once: 0 };

class ValueCounter {
  /** Per fragment: its values do not depend on where it is spread, so nested spreads cost one count each. */
  private readonly fragmentValues = new Map<string, Values>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  count(selectionSet: SelectionSetNode | undefined, type: GraphQLObjectType): Values {
    const total = { ...NONE };
    for (const selection of selectionSet?.selections ?? []) {
      let values = NONE;
      if (selection.kind === Kind.FIELD) values = this.field(selection, type);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : type;
        if (isObjectType(on)) values = this.count(selection.selectionSet, on);
      } else values = this.fragment(selection.name.value);
      total.perPoint += values.perPoint;
      total.once += values.once;
    }
    return total;
  }

  private fragment(name: string): Values {
    const known = this.fragmentValues.get(name);
    if (known) return known;
    // Validation rejects cycles before execution; NONE while counting makes one harmless anyway.
    this.fragmentValues.set(name, NONE);
    const fragment = this.fragments[name];
    const type = fragment && this.schema.getType(fragment.typeCondition.name.value);
    const values = fragment && isObjectType(type) ? this.count(fragment.selectionSet, type) : NONE;
    this.fragmentValues.set(name, values);
    return values;
  }

  private field(node: FieldNode, parent: GraphQLObjectType): Values {
    if (parent === this.schema.getQueryType()) return this.rootQuery(node, parent);
    if (node.name.value === "__typename") return { perPoint: 0, once: 1 };
    const definition = parent.getFields()[node.name.value];
    if (!definition) return NONE;
    const type = getNamedType(definition.type);
    if (isLeafType(type)) return { perPoint: 0, once: 1 };
    if (!isObjectType(type)) return NONE;
    const inner = this.count(node.selectionSet, type);
    // A list of points has each of its leaves once per point.
    if (isListType(getNullableType(definition.type)) && POINT_TYPES.has(type.name))
      return { perPoint: inner.once, once: 0 };
    return inner;
  }

  /** A root query: its answer's values, with its own points. Anything else at the root counts nothing. */
  private rootQuery(node: FieldNode, query: GraphQLObjectType): Values {
    const definition = query.getFields()[node.name.value];
    const type = getNamedType(definition?.type);
    if (!definition || !isObjectType(type) || !METRIC_TYPES.has(type.name)) return NONE;
    const inner = this.count(node.selectionSet, type);
    return { perPoint: 0, once: inner.perPoint * this.points(definition, node) + inner.once };
  }

  /**
   * A range query's points; an instant window is one. A root query whose arguments its resolver
   * will refuse (a DateTime that is none, end before start, too many points) has none: it fails
   * before any work, with the message that says what is wrong.
   */
  private points(definition: GraphQLField<unknown, unknown>, node: FieldNode): number {
    if (!definition.args.some((a) => a.name === "step_seconds")) return 1;
    try {
      const args = getArgumentValues(definition, node, this.variables) as {
        start: number;
        end: number;
        step_seconds?: number | null;
      };
      return rangePoints(args.start, args.end, args.step_seconds).points;
    } catch {
      return 0;
    }
  }
}
