import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@babel/parser";
import type { Expression, Node, ObjectExpression, ObjectMethod, ObjectProperty, SpreadElement } from "@babel/types";
import type { ToleranceRules } from "../golden/tolerance";
import { CASE_SUFFIX, casesDirOf } from "../golden/layout";
import type { ToleranceLookup } from "./compare";

/**
 * The `tolerance` a case module declares for each query, read from its source text.
 *
 * A case module loads only in a test run (goldenCase() hands its definition to the case runner, or
 * calls jest's describe), and running a case's code to draw a report would be neither cheap nor safe. So the report reads what the
 * README shows authors to write, a literal object:
 *   queries: { range: { tolerance: { "range_model_metrics.x[*].p99": { abs: 0.01 } } } }
 * Anything else (a query or a tolerance given by a variable, a spread, a computed value) is listed
 * in `notLiteral`, and that query is judged by the project defaults alone: the report says so
 * rather than guessing.
 */
export interface DeclaredTolerances {
  byQuery: Map<string, ToleranceRules>;
  /** Queries (or `queries`, when the whole object is not a literal) whose tolerance could not be read. */
  notLiteral: string[];
}

export function declaredTolerances(source: string, fileName = "case.ts"): DeclaredTolerances {
  const found: DeclaredTolerances = { byQuery: new Map(), notLiteral: [] };
  let file: Node;
  try {
    // babel's parser, not TypeScript's compiler (a twentieth of its size): the report and every
    // update that changes a golden read these, and TypeScript cost 0.2 s of CPU to load each time.
    file = parse(source, {
      sourceType: "module",
      plugins: ["typescript", "decorators", "decoratorAutoAccessors"],
      errorRecovery: true,
      sourceFilename: fileName,
    });
  } catch {
    // A module it cannot read at all (a syntax error beyond recovery) declares nothing it can see.
    found.notLiteral.push("queries");
    return found;
  }
  const visit = (node: Node): void => {
    const call = node.type === "CallExpression" || node.type === "OptionalCallExpression";
    if (call && node.callee.type === "Identifier" && node.callee.name === "goldenCase") {
      const definition = node.arguments[0];
      if (definition?.type === "ObjectExpression") readQueries(definition, found, source);
      return;
    }
    for (const child of childrenOf(node)) visit(child);
  };
  visit(file);
  return found;
}

/** A node's child nodes: every value under it that is a node, or a list of them. */
function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc" || key.endsWith("Comments")) continue;
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== null && typeof item === "object" && typeof item.type === "string") children.push(item as Node);
  }
  return children;
}

type Member = ObjectProperty | ObjectMethod | SpreadElement;

/** A member's name as written (`a`, `"a-1"`, `1e3`), or undefined when it has none (a spread, a computed key). */
function nameOf(member: Member): string | undefined {
  if (member.type === "SpreadElement" || member.computed) return undefined;
  const key = member.key;
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  return undefined;
}

/** The member's value when it is a plain `key: value`, not a method or a spread. */
const valueOf = (member: Member | undefined): Expression | undefined =>
  member?.type === "ObjectProperty" ? (member.value as Expression) : undefined;

const property = (object: ObjectExpression, key: string) => object.properties.find((p) => nameOf(p) === key);

function readQueries(definition: ObjectExpression, found: DeclaredTolerances, source: string): void {
  const queries = valueOf(property(definition, "queries"));
  if (!queries) return;
  if (queries.type !== "ObjectExpression") {
    found.notLiteral.push("queries");
    return;
  }
  for (const q of queries.properties) {
    const name = nameOf(q);
    const query = valueOf(q);
    if (name === undefined || query?.type !== "ObjectExpression") {
      found.notLiteral.push(name ?? source.slice(q.start ?? 0, q.end ?? 0).slice(0, 40));
      continue;
    }
    const tolerance = property(query, "tolerance");
    if (!tolerance) continue;
    const rules = literalRules(valueOf(tolerance));
    if (rules) found.byQuery.set(name, rules);
    else found.notLiteral.push(name);
  }
}

/** `{ "a[*].p99": { abs: 0.01, rel: 1e-3 } }`, or undefined for anything that is not that literally. */
function literalRules(node: Expression | undefined): ToleranceRules | undefined {
  if (node?.type !== "ObjectExpression") return undefined;
  const rules: ToleranceRules = {};
  for (const p of node.properties) {
    const pattern = nameOf(p);
    const bounds = valueOf(p);
    if (pattern === undefined || bounds?.type !== "ObjectExpression") return undefined;
    const tolerance: { abs?: number; rel?: number } = {};
    for (const bound of bounds.properties) {
      const key = nameOf(bound);
      const value = valueOf(bound);
      if ((key !== "abs" && key !== "rel") || value?.type !== "NumericLiteral") return undefined;
      tolerance[key] = value.value;
    }
    rules[pattern] = tolerance;
  }
  return rules;
}

export interface CaseTolerances {
  lookup: ToleranceLookup;
  /** Queries whose tolerance could not be read (`query: "queries"` when none of the case's could). */
  notLiteral: { case: string; file: string; query: string }[];
}

/** The declared tolerances of every case module in the working tree, as the report looks them up. */
export function caseTolerancesInWorkingTree(root: string): CaseTolerances {
  const dir = casesDirOf(root);
  const byCase = new Map<string, Map<string, ToleranceRules>>();
  const notLiteral: CaseTolerances["notLiteral"] = [];
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(CASE_SUFFIX))
        .sort()
    : [];
  for (const file of files) {
    const declared = declaredTolerances(readFileSync(join(dir, file), "utf8"), file);
    const name = file.slice(0, -CASE_SUFFIX.length);
    byCase.set(name, declared.byQuery);
    notLiteral.push(...declared.notLiteral.map((query) => ({ case: name, file: `cases/${file}`, query })));
  }
  return { lookup: (caseName, query) => byCase.get(caseName)?.get(query) ?? {}, notLiteral };
}
