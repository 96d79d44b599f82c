/**
 * Answers whether a parsed JSON value nests objects and arrays more than `limit` levels deep
 * (`{}` and `[]` are one level, scalars none). Parsing copes with any depth, but serialising,
 * fingerprinting and validating recurse, so bodies are refused before those see them. The walk
 * itself stops at the limit, so it never recurses deeper than `limit` frames.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => jsonDepthExceeds(child, limit - 1));
}

export function tooDeepMessage(limit: number): string {
  return `JSON nested more than ${limit} levels deep is not accepted`;
}
