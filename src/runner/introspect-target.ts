import { randomUUID } from "node:crypto";
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from "graphql";
import type { TargetContext } from "../run/context";
import { TargetClient } from "./target-client";
import { UserError } from "../user-error";

export class IntrospectionError extends UserError {
  override name = "IntrospectionError";
}

/**
 * The target's schema, asked once per run over GraphQL introspection, as a case asks its queries:
 * with the headers of a namespace of its own (the target's set-up gives them). Checked here, kept
 * as the plain answer (a shard's record carries it to the merge).
 */
export async function introspectTarget(target: TargetContext): Promise<IntrospectionQuery> {
  const client = new TargetClient(target);
  const headers = await client.headersFor(`golden-coverage-${randomUUID()}`);
  const { answer } = await client.ask(getIntrospectionQuery(), {}, headers);
  const schema = (answer.data as IntrospectionQuery | undefined)?.__schema;
  if (answer.errors?.length || !schema) {
    const why = answer.errors?.map((e) => e.message).join("; ") ?? "no __schema in the answer";
    throw new IntrospectionError(
      `the target at ${target.url} did not answer GraphQL introspection (${why}). The coverage of the metrics surface ` +
        "reads the schema that way: let the credentials the target's set-up gives (headersFor) ask for __schema.",
    );
  }
  try {
    buildClientSchema(answer.data as IntrospectionQuery);
    return answer.data as IntrospectionQuery;
  } catch (err) {
    throw new IntrospectionError(
      `the target at ${target.url} answered introspection with a schema that cannot be read: ${(err as Error).message}`,
    );
  }
}
