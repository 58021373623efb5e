import { SeriesError } from "./errors";

/**
 * Refuses an options object the call does not take. Options have defaults, so a misspelt key
 * (`{ bucket: [...] }`) would otherwise be ignored and the default used without a word.
 * `shape` is how the error spells the object (`{ buckets?, labels? }`); `hints` say where a
 * likely mix-up belongs (labels passed as options, an array passed as the options).
 */
export function checkOptions(
  options: unknown,
  allowed: readonly string[],
  where: string,
  hints: { array?: string; strings?: string } = {},
): asserts options is Record<string, unknown> | undefined {
  if (options === undefined) return;
  const shape = `{ ${allowed.map((k) => `${k}?`).join(", ")} }`;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    const hint = Array.isArray(options) && hints.array ? ` (${hints.array})` : "";
    throw new SeriesError(
      `${where}: options must be an object ${shape}; got ${JSON.stringify(options) ?? String(options)}${hint}`,
    );
  }
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  if (unknown.length === 0) return;
  const looksLikeLabels = hints.strings && Object.values(options).every((v) => typeof v === "string");
  throw new SeriesError(
    `${where}: unknown option ${unknown.map((k) => JSON.stringify(k)).join(", ")}; allowed: ${allowed.join(", ")}` +
      (looksLikeLabels ? ` (${hints.strings})` : ""),
  );
}
