import { isIri } from './iri.format';
import { isJsonObject } from './json-value.guard';
import { ValidationFailure, atDataKey, failure, mustBe } from './validation-failure';

/**
 * An extensions map: every key an IRI. Values are never inspected, because the LRS must not
 * reject a statement over them (nulls included).
 */
export function extensionsFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an extensions object', value));
  for (const key in value) {
    if (!isIri(key)) return atDataKey(key, failure('extension keys must be IRIs'));
  }
  return null;
}
