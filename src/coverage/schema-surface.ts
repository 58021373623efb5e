import { getNamedType, isInterfaceType, isObjectType, type GraphQLNamedType, type GraphQLSchema } from "graphql";

/** What a schema offers a query, as schema coordinates, in the schema's own order. */
export interface SchemaSurface {
  /** `Type.field`: every field of every object or interface type reachable from Query. */
  fields: string[];
  /** `Type.field(arg:)`: every argument of those fields. */
  arguments: string[];
  /** The fields of the root queries' results (`RangeModelMetrics.inference_volume`): the rows of the conditions table. */
  metricFields: string[];
}

/**
 * The surface a target's schema offers, read by walking from the Query type: types no query can
 * reach (a Mutation, an unused type) are not part of it, nor are introspection's `__` fields.
 */
export function schemaSurface(schema: GraphQLSchema): SchemaSurface {
  const surface: SchemaSurface = { fields: [], arguments: [], metricFields: [] };
  const query = schema.getQueryType();
  if (!query) return surface;
  const seen = new Set<string>();
  const queue: Array<{ type: GraphQLNamedType; depth: number }> = [{ type: query, depth: 0 }];
  while (queue.length > 0) {
    const { type, depth } = queue.shift()!;
    if (seen.has(type.name) || !(isObjectType(type) || isInterfaceType(type))) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      surface.fields.push(coordinate);
      for (const arg of field.args) surface.arguments.push(`${coordinate}(${arg.name}:)`);
      if (depth === 1) surface.metricFields.push(coordinate);
      queue.push({ type: getNamedType(field.type), depth: depth + 1 });
    }
  }
  return surface;
}
