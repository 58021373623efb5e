import { getNamedType, isObjectType, type GraphQLResolveInfo } from "graphql";
// graphql-js' own field collection (fragments, @skip/@include), so that what we query is exactly
// what execution will ask for. Marked @internal but stable across graphql 16; the version is pinned.
import { collectSubfields } from "graphql/execution/collectFields";

/**
 * The distinct fields the document selects under the root field being resolved. Each metric
 * field is one VictoriaMetrics query, so the root resolver starts only these, all at once.
 */
export function requestedFields(info: GraphQLResolveInfo): Set<string> {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) throw new Error(`${info.fieldName} must return an object type, not ${type.name}`);
  const fields = collectSubfields(info.schema, info.fragments, info.variableValues, type, info.fieldNodes);
  const names = new Set<string>();
  for (const nodes of fields.values()) {
    const name = nodes[0]!.name.value;
    if (!name.startsWith("__")) names.add(name);
  }
  return names;
}
