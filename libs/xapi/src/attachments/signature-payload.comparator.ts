import { fingerprintOf, sameStatement } from '../statement-fingerprint';
import { JsonObject, isJsonObject } from '../validation/json-value.guard';
import { XapiVersion } from '../validation/xapi-version';
import { durationComparisonKey } from './duration-hundredths.format';

/**
 * Whether a JWS payload is the statement it was attached to (Data 2.6), under the statement
 * comparison rules that fingerprintOf applies (it already leaves out attachments, which the
 * signer added after signing, and the LRS-assigned properties). Two extras: an id in the
 * payload must be the statement's, since only an id the LRS assigned may be missing from it;
 * and 2.0 compares result.duration only to 0.01 s (§4.2.7).
 */
export function isSamePayloadStatement(
  payload: JsonObject,
  received: JsonObject,
  version: XapiVersion,
): boolean {
  if (payload.id !== undefined && !sameId(payload.id, received.id)) return false;
  const [a, b] =
    version === '2.0.0'
      ? [withComparableDurations(payload), withComparableDurations(received)]
      : [payload, received];
  return sameStatement(fingerprintOf(a), fingerprintOf(b));
}

/** UUIDs are hex, so case does not matter. */
function sameId(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** A copy whose durations, the statement's and a SubStatement's, are in comparison form. */
function withComparableDurations(statement: JsonObject): JsonObject {
  const out = withComparableDuration(statement);
  const object = statement.object;
  if (isJsonObject(object) && object.objectType === 'SubStatement') {
    out.object = withComparableDuration(object);
  }
  return out;
}

function withComparableDuration(statement: JsonObject): JsonObject {
  const result = statement.result;
  if (!isJsonObject(result) || typeof result.duration !== 'string') return { ...statement };
  return { ...statement, result: { ...result, duration: durationComparisonKey(result.duration) } };
}
