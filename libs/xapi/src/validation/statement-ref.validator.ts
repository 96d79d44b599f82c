import { firstUnknownKey, isJsonObject } from './json-value.guard';
import { isUuid } from './uuid.format';
import { ValidationFailure, failure, keyFailure, mustBe } from './validation-failure';

const STATEMENT_REF_KEYS = new Set(['objectType', 'id']);

/** A Statement Reference: objectType "StatementRef" (required) and a statement id. */
export function statementRefFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('a StatementRef object', value));
  const unknown = firstUnknownKey(value, STATEMENT_REF_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not a StatementRef property');
  if (value.objectType !== 'StatementRef') {
    return keyFailure('objectType', mustBe('"StatementRef"', value.objectType));
  }
  if (!isUuid(value.id)) return keyFailure('id', mustBe('a UUID', value.id));
  return null;
}
