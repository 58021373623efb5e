import { SeriesError } from "./errors";

/**
 * What Prometheus' lexer takes for a space between tokens (isSpace in promql/parser/lex.go):
 * these four and nothing else. A no-break space, a form feed or a vertical tab is an
 * "unexpected character" there, so it is refused here too rather than read as a space.
 */
export const isSeparator = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";

const SPACE_NAMES: Readonly<Record<string, string>> = {
  "\f": "form feed",
  "\v": "vertical tab",
  "\u0085": "next line",
  "\u00a0": "no-break space",
  "\u2028": "line separator",
  "\u2029": "paragraph separator",
  "\u202f": "narrow no-break space",
  "\u3000": "ideographic space",
  "\ufeff": "zero width no-break space",
};

/** `U+00A0 (no-break space)` when `c` looks like a space but is not a separator; else undefined. */
export function oddSpace(c: string | undefined): string | undefined {
  // JavaScript's \s lacks U+0085, which Go's unicode.IsSpace (and so strings.TrimSpace) has.
  if (c === undefined || isSeparator(c) || !(/\s/.test(c) || c === "\u0085")) return undefined;
  const code = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return `U+${code} (${SPACE_NAMES[c] ?? "a Unicode space"})`;
}

/** The end of the message that refuses an odd space. */
export const NOT_A_SEPARATOR = "is not a space to Prometheus, which separates with spaces, tabs and line breaks only";

/** Refuses the first odd space in `text` (which holds no strings, where any character may be). */
export function checkSeparators(text: string, where: string): void {
  for (let i = 0; i < text.length; i++) {
    const odd = oddSpace(text[i]);
    if (odd) throw new SeriesError(`${where}: ${odd} at position ${i} of ${JSON.stringify(text)} ${NOT_A_SEPARATOR}`);
  }
}
