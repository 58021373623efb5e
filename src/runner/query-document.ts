// What the runner reads of a case's GraphQL document without graphql-js (which a case file must
// not load): the variables it declares, and where in the case file a place of it is.

/** The document without its strings and comments, so that `$x:` inside them counts for nothing. */
const code = (document: string) =>
  document.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, (m) => m.replace(/[^\n]/g, " "));

/** Variable definitions (`$name: Type`); a use (`start: $start`) is never followed by a colon. */
export function declaredVariables(document: string): Set<string> {
  return new Set([...code(document).matchAll(/\$([_A-Za-z][_0-9A-Za-z]*)\s*:/g)].map((m) => m[1]!));
}

/**
 * The case file's line and column of a place in the document (GraphQL's locations count from
 * 1 within the document), when the document stands in the file as written (a template literal
 * without interpolation); else undefined.
 */
export function locateInSource(
  source: string,
  document: string,
  at: { line: number; column: number },
): { line: number; column: number } | undefined {
  const start = source.indexOf(document);
  if (start < 0) return undefined;
  const before = source.slice(0, start).split("\n");
  const line = before.length + at.line - 1;
  const column = at.line === 1 ? before[before.length - 1]!.length + at.column : at.column;
  return { line, column };
}
