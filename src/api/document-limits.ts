import type { Plugin } from "graphql-yoga";
import {
  getNamedType,
  isObjectType,
  Kind,
  type GraphQLObjectType,
  type SelectionSetNode,
  type ValidationContext,
  type ASTVisitor,
} from "graphql";
import { badInput } from "./errors";
import { LIMITS } from "./limits";
import { nestingDepth } from "./nesting-depth";
import { METRIC_TYPES } from "./schema";

/**
 * Bounds on what one request can make the server do: its body, its document (size and nesting),
 * and how many VictoriaMetrics queries the document fans out to (each metric field is one).
 */
export function useDocumentLimits(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== "POST") return;
      const length = Number(request.headers.get("content-length") ?? NaN);
      // Without a length the body would be read unbounded; every fetch-based client sends one.
      const problem = Number.isNaN(length)
        ? { status: 411, message: "A POST needs a Content-Length header." }
        : length > LIMITS.maxBodyBytes
          ? { status: 413, message: `The request body is ${length} bytes; at most ${LIMITS.maxBodyBytes} are allowed.` }
          : undefined;
      if (!problem) return;
      const body = JSON.stringify({ errors: [{ message: problem.message, extensions: { code: "BAD_USER_INPUT" } }] });
      endResponse(
        new fetchAPI.Response(body, { status: problem.status, headers: { "content-type": "application/json" } }),
      );
    },
    onParams({ params, setResult }) {
      // A query that is not a string (`{"query": 123}`) is yoga's to refuse, after this hook:
      // HTTP 400, BAD_REQUEST, saying that "query" must be a string.
      if (typeof params.query !== "string") return;
      const problem = documentProblem(params.query);
      if (problem) setResult({ errors: [badInput(problem)] });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(fanOutRule);
    },
  };
}

/** What is wrong with the document text, checked before it is parsed; undefined when nothing is. */
function documentProblem(document: string): string | undefined {
  const bytes = Buffer.byteLength(document, "utf8");
  if (bytes > LIMITS.maxDocumentBytes) {
    return `The GraphQL document is ${bytes} bytes; at most ${LIMITS.maxDocumentBytes} (${LIMITS.maxDocumentBytes / 1024} KB) are allowed.`;
  }
  // Counted on at most maxDocumentBytes, so the count itself is cheap.
  const depth = nestingDepth(document);
  if (depth !== undefined && depth > LIMITS.maxNestingDepth) {
    return (
      `The GraphQL document nests brackets ${depth} levels deep; at most ${LIMITS.maxNestingDepth} are allowed ` +
      "(selections, arguments, lists and objects each count as one level)."
    );
  }
  return undefined;
}

/**
 * Counts, over every operation of the document with fragments expanded, the fields of the four
 * result types (metric fields) and the root queries returning them. Counted as written, so a
 * field that execution would merge counts twice: the bound errs on the safe side. Fragment
 * counts are memoized, so fragments spread inside fragments cannot make the count itself explode.
 */
function fanOutRule(context: ValidationContext): ASTVisitor {
  const memo = new Map<string, Count>();
  const visiting = new Set<string>();

  function count(selectionSet: SelectionSetNode | undefined, parent: GraphQLObjectType): Count {
    const total: Count = { metricFields: 0, rootQueries: 0 };
    const add = (c: Count) => {
      total.metricFields += c.metricFields;
      total.rootQueries += c.rootQueries;
    };
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (METRIC_TYPES.has(parent.name)) {
          if (!selection.name.value.startsWith("__")) total.metricFields += 1;
          continue;
        }
        const type = getNamedType(parent.getFields()[selection.name.value]?.type);
        if (isObjectType(type) && METRIC_TYPES.has(type.name)) {
          total.rootQueries += 1;
          add(count(selection.selectionSet, type));
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
        if (isObjectType(type)) add(count(selection.selectionSet, type));
      } else {
        const name = selection.name.value;
        const fragment = context.getFragment(name);
        const type = fragment && context.getSchema().getType(fragment.typeCondition.name.value);
        if (!fragment || !isObjectType(type) || visiting.has(name)) continue; // other rules report these
        const key = `${name}@${type.name}`;
        if (!memo.has(key)) {
          visiting.add(name);
          memo.set(key, count(fragment.selectionSet, type));
          visiting.delete(name);
        }
        add(memo.get(key)!);
      }
    }
    return total;
  }

  const total: Count = { metricFields: 0, rootQueries: 0 };
  return {
    OperationDefinition(node) {
      const root = context.getSchema().getQueryType();
      if (node.operation !== "query" || !root) return;
      const c = count(node.selectionSet, root);
      total.metricFields += c.metricFields;
      total.rootQueries += c.rootQueries;
    },
    Document: {
      leave() {
        if (total.metricFields > LIMITS.maxMetricFields) {
          context.reportError(
            tooMany(
              `${total.metricFields} metric fields`,
              `${LIMITS.maxMetricFields}`,
              "each is one query to the metrics store",
            ),
          );
        }
        if (total.rootQueries > LIMITS.maxRootQueries) {
          context.reportError(
            tooMany(`${total.rootQueries} metric queries`, `${LIMITS.maxRootQueries}`, "each checks its model version"),
          );
        }
      },
    },
  };
}

interface Count {
  metricFields: number;
  rootQueries: number;
}

const tooMany = (what: string, max: string, why: string) =>
  badInput(
    `The document asks for ${what}; at most ${max} are allowed per request (${why}). Split it into several requests.`,
  );
