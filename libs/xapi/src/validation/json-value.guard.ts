/** A parsed JSON object: what every xAPI structure must be before its properties are read. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON numbers only: the spec rejects numeric strings wherever a number is required. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * The first property the spec does not allow at this level, if any. for-in rather than
 * Object.keys so no key array is allocated; JSON.parse objects have no enumerable inherited keys.
 */
export function firstUnknownKey(
  value: JsonObject,
  allowed: ReadonlySet<string>,
): string | undefined {
  for (const key in value) {
    if (!allowed.has(key)) return key;
  }
  return undefined;
}
