import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";

/** A root query as a document asks it: its arguments' values and the fields it selects directly. */
export interface RootUse {
  /** The Query field, e.g. range_model_metrics. */
  field: string;
  /** Its arguments as the server coerces them (variables filled in); {} when they do not coerce. */
  args: Record<string, unknown>;
  /** Whether the field takes step_seconds: its answer is a range of windows. */
  ranged: boolean;
  /** The fields of its result it selects (fragments expanded), as schema coordinates and names. */
  metricFields: Array<{ coordinate: string; name: string }>;
}

/** What one case query asks of the schema. */
export interface DocumentUses {
  /** Schema coordinates (`Type.field`) of every field it selects, at any depth, fragments expanded. */
  fields: Set<string>;
  /** Coordinates (`Type.field(arg:)`) of every argument it gives a value other than null. */
  args: Set<string>;
  roots: RootUse[];
}

/**
 * Reads a case's GraphQL document against the target's schema, with its variables. A document
 * that does not parse uses nothing: the case's own run has already failed it. Runs in the run's
 * main process only (graphql-js is no case file's business).
 */
export function documentUses(
  schema: GraphQLSchema,
  document: string,
  variables: Record<string, unknown>,
): DocumentUses {
  const uses: DocumentUses = { fields: new Set(), args: new Set(), roots: [] };
  let parsed;
  try {
    parsed = parse(document);
  } catch {
    return uses;
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of parsed.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const query = schema.getQueryType();
  if (!query) return uses;

  for (const operation of parsed.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== "query") continue;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    const values = coerced.coerced ?? {};

    const walk = (
      set: SelectionSetNode,
      type: GraphQLNamedType | undefined,
      depth: number,
      root: RootUse | undefined,
      spreading: ReadonlySet<string>,
    ): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
          walk(selection.selectionSet, on, depth, root, spreading);
        } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || spreading.has(fragment.name.value)) continue; // unknown or cyclic: refused by the server
          const on = schema.getType(fragment.typeCondition.name.value);
          walk(fragment.selectionSet, on, depth, root, new Set([...spreading, fragment.name.value]));
        } else {
          const def = fieldOf(type, selection);
          if (!def) continue;
          const coordinate = `${type!.name}.${def.name}`;
          uses.fields.add(coordinate);
          const args = argumentsOf(def, selection, values);
          for (const [name, value] of Object.entries(args))
            if (value !== null && value !== undefined) uses.args.add(`${coordinate}(${name}:)`);
          let below = root;
          if (depth === 0) {
            below = {
              field: def.name,
              args,
              ranged: def.args.some((a) => a.name === "step_seconds"),
              metricFields: [],
            };
            uses.roots.push(below);
          } else if (depth === 1) {
            root?.metricFields.push({ coordinate, name: def.name });
          }
          if (selection.selectionSet) walk(selection.selectionSet, getNamedType(def.type), depth + 1, below, spreading);
        }
      }
    };
    walk(operation.selectionSet, query, 0, undefined, new Set());
  }
  return uses;
}

/** The schema's field a selection names; none for `__typename` and other meta fields, or a typo. */
function fieldOf(type: GraphQLNamedType | undefined, node: FieldNode): GraphQLField<unknown, unknown> | undefined {
  if (node.name.value.startsWith("__")) return undefined;
  if (!isObjectType(type) && !isInterfaceType(type)) return undefined;
  return type.getFields()[node.name.value];
}

function argumentsOf(
  def: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  try {
    return getArgumentValues(def, node, variables);
  } catch {
    return {}; // the server refuses them too
  }
}
