import { isIri } from './iri.format';
import { firstUnknownKey, isJsonObject } from './json-value.guard';
import { languageMapFailure } from './language-map.validator';
import { ValidationFailure, atKey, failure, keyFailure, mustBe } from './validation-failure';

const VERB_KEYS = new Set(['id', 'display']);

/** The verb whose object must be a StatementRef (the voiding rule). */
export const VOIDED_VERB_ID = 'http://adlnet.gov/expapi/verbs/voided';

export function verbFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('a Verb object', value));
  const unknown = firstUnknownKey(value, VERB_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not a Verb property');
  if (!isIri(value.id)) return keyFailure('id', mustBe('an IRI', value.id));
  if (value.display !== undefined) {
    const inner = languageMapFailure(value.display);
    if (inner !== null) return atKey('display', inner);
  }
  return null;
}
