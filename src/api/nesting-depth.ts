import { Lexer, Source, TokenKind } from "graphql";

const OPENING: ReadonlySet<string> = new Set([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING: ReadonlySet<string> = new Set([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * The deepest nesting of brackets (`{`, `[`, `(`) in a GraphQL document. graphql-js parses,
 * validates and executes nested selections, list and object literals and list types by
 * recursion, so about 2,000 levels overflow the stack; this count runs before the parser and
 * does not recurse. It reads tokens with graphql-js' own lexer, so brackets in strings, block
 * strings and comments are skipped exactly as the parser skips them. Undefined when the lexer
 * rejects the document: the parser then reports that syntax error itself.
 */
export function nestingDepth(document: string): number | undefined {
  const lexer = new Lexer(new Source(document));
  let depth = 0;
  let deepest = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (OPENING.has(token.kind)) deepest = Math.max(deepest, ++depth);
      else if (CLOSING.has(token.kind)) depth--;
    }
  } catch {
    return undefined;
  }
  return deepest;
}
