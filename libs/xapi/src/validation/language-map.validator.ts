import { isJsonObject } from './json-value.guard';
import { isLanguageTag } from './language-tag.format';
import { ValidationFailure, atDataKey, failure, mustBe } from './validation-failure';

/** A language map: RFC 5646 tags as keys, plain strings as values. */
export function languageMapFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('a language map object', value));
  for (const tag in value) {
    if (!isLanguageTag(tag)) return atDataKey(tag, failure('is not an RFC 5646 language tag'));
    const text = value[tag];
    if (typeof text !== 'string') return atDataKey(tag, failure(mustBe('a string', text)));
  }
  return null;
}
