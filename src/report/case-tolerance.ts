import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
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
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: DeclaredTolerances = { byQuery: new Map(), notLiteral: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "goldenCase") {
      const definition = node.arguments[0];
      if (definition && ts.isObjectLiteralExpression(definition)) readQueries(definition, found);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const nameOf = (name: ts.PropertyName): string | undefined =>
  ts.isIdentifier(name) ||
  ts.isStringLiteral(name) ||
  ts.isNoSubstitutionTemplateLiteral(name) ||
  ts.isNumericLiteral(name)
    ? name.text
    : undefined;

const property = (object: ts.ObjectLiteralExpression, key: string) =>
  object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && nameOf(p.name) === key);

function readQueries(definition: ts.ObjectLiteralExpression, found: DeclaredTolerances): void {
  const queries = property(definition, "queries")?.initializer;
  if (!queries) return;
  if (!ts.isObjectLiteralExpression(queries)) {
    found.notLiteral.push("queries");
    return;
  }
  for (const q of queries.properties) {
    const name = q.name ? nameOf(q.name) : undefined;
    if (!ts.isPropertyAssignment(q) || name === undefined || !ts.isObjectLiteralExpression(q.initializer)) {
      found.notLiteral.push(name ?? q.getText().slice(0, 40));
      continue;
    }
    const tolerance = q.initializer.properties.find((p) => p.name !== undefined && nameOf(p.name) === "tolerance");
    if (!tolerance) continue;
    const rules = ts.isPropertyAssignment(tolerance) ? literalRules(tolerance.initializer) : undefined;
    if (rules) found.byQuery.set(name, rules);
    else found.notLiteral.push(name);
  }
}

/** `{ "a[*].p99": { abs: 0.01, rel: 1e-3 } }`, or undefined for anything that is not that literally. */
function literalRules(node: ts.Expression): ToleranceRules | undefined {
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  const rules: ToleranceRules = {};
  for (const p of node.properties) {
    const pattern = ts.isPropertyAssignment(p) ? nameOf(p.name) : undefined;
    if (!ts.isPropertyAssignment(p) || pattern === undefined || !ts.isObjectLiteralExpression(p.initializer))
      return undefined;
    const tolerance: { abs?: number; rel?: number } = {};
    for (const bound of p.initializer.properties) {
      const key = ts.isPropertyAssignment(bound) ? nameOf(bound.name) : undefined;
      if (
        !ts.isPropertyAssignment(bound) ||
        (key !== "abs" && key !== "rel") ||
        !ts.isNumericLiteral(bound.initializer)
      )
        return undefined;
      tolerance[key] = Number(bound.initializer.text);
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
