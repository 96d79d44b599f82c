/**
 * Answers whether a parsed JSON value nests objects and arrays more than `limit` levels deep
 * (`{}` and `[]` are one level, scalars none). Parsing copes with any depth, but serialising,
 * fingerprinting and validating recurse, so bodies are refused before those see them. The walk
 * itself stops at the limit, so it never recurses deeper than `limit` frames.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  // Loops rather than Object.values(...).some(...): this runs on every write, and the array and
  // closure per object were 4% of what lrs-api allocated per single-statement POST.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (jsonDepthExceeds(value[i], limit - 1)) return true;
    return false;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    if (Object.hasOwn(object, key) && jsonDepthExceeds(object[key], limit - 1)) return true;
  }
  return false;
}

export function tooDeepMessage(limit: number): string {
  return `JSON nested more than ${limit} levels deep is not accepted`;
}
