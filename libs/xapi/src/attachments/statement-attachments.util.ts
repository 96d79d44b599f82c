import { JsonObject, isJsonObject } from '../validation/json-value.guard';

/**
 * A statement's attachment objects, a SubStatement's included: the data model allows them
 * there, and their data travels in the same request (Data 2.4.11 recommends, but does not
 * require, hoisting them to the statement). Tolerates unvalidated input by skipping non-objects.
 */
export function attachmentsOf(statement: JsonObject): JsonObject[] {
  const own = objectsIn(statement.attachments);
  const object = statement.object;
  if (!isJsonObject(object) || object.objectType !== 'SubStatement') return own;
  return [...own, ...objectsIn(object.attachments)];
}

/**
 * The distinct sha2 values the statements' attachments declare, lower-cased as the parser
 * stores part hashes, so that the GET side can load the data it holds for them. Attachments
 * with a fileUrl are included: their data may have been sent as well.
 */
export function attachmentHashesOf(statements: readonly JsonObject[]): string[] {
  const hashes = new Set<string>();
  for (const statement of statements) {
    for (const attachment of attachmentsOf(statement)) {
      const sha2 = sha2Of(attachment);
      if (sha2 !== null) hashes.add(sha2);
    }
  }
  return [...hashes];
}

/** The attachment's sha2 lower-cased: hex digits compare case-insensitively. */
export function sha2Of(attachment: JsonObject): string | null {
  return typeof attachment.sha2 === 'string' ? attachment.sha2.toLowerCase() : null;
}

function objectsIn(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}
