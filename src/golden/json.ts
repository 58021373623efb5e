/** The JSON values a golden holds. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const isObject = (v: unknown): v is { [key: string]: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A JSON path as printed in failures and matched by tolerance patterns: `a.b[3].c`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** `a.b[3].c` → ["a", "b", "[3]", "c"]. */
export const pathTokens = (path: string): string[] => path.match(/\[[^\]]*\]|[^.[\]]+/g) ?? [];

/** The value at a path (relative to `data` when the root has one), or undefined. */
export function valueAt(root: Json | undefined, path: string): Json | undefined {
  let node: Json | undefined = isObject(root) && "data" in root ? root.data : root;
  for (const token of pathTokens(path)) {
    if (token.startsWith("[")) node = Array.isArray(node) ? node[Number(token.slice(1, -1))] : undefined;
    else node = isObject(node) ? node[token] : undefined;
  }
  return node;
}

/** `a.b[3].c` → `a.b[3]`: the path of what holds a value; "" for a top-level field. */
export const parentPath = (path: string): string => joinTokens(pathTokens(path).slice(0, -1));

const joinTokens = (tokens: string[]): string =>
  tokens.reduce((p, t) => (t.startsWith("[") || p === "" ? p + t : `${p}.${t}`), "");

/** The `timestamp` of the nearest enclosing point of a path (the path itself included), if it sits in one. */
export function enclosingTimestamp(root: Json | undefined, path: string): string | undefined {
  const tokens = pathTokens(path);
  for (let n = tokens.length; n >= 0; n--) {
    const node = valueAt(root, joinTokens(tokens.slice(0, n)));
    if (isObject(node) && typeof node.timestamp === "string") return node.timestamp;
  }
  return undefined;
}
