import { authorityFailure } from './authority.validator';
import { firstUnknownKey, isJsonObject } from './json-value.guard';
import { statementCoreFailure, timestampKind } from './statement-core.validator';
import { isIso8601Timestamp } from './timestamp.format';
import { isUuid } from './uuid.format';
import { ValidationFailure, atKey, failure, keyFailure, mustBe } from './validation-failure';
import { XapiVersion } from './xapi-version';

const STATEMENT_KEYS = new Set([
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
]);

/** "1.0" or "1.0.x" always; "2.0" or "2.0.x" too when the request is xAPI 2.0. */
const VERSION_1_0 = /^1\.0(\.\d+)?$/;
const VERSION_2_0 = /^(1|2)\.0(\.\d+)?$/;

/**
 * Checks one statement against every rule xAPI places on statements an LRS receives, for the
 * version of the request, and returns the first rule broken (path rooted at "statement") or null.
 */
export function validateStatement(input: unknown, version: XapiVersion): ValidationFailure | null {
  const inner = statementFailure(input, version === '2.0.0');
  return inner === null ? null : atKey('statement', inner);
}

function statementFailure(value: unknown, v2: boolean): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('a Statement object', value));
  const unknown = firstUnknownKey(value, STATEMENT_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not a Statement property');
  if (value.id !== undefined && !isUuid(value.id)) {
    return keyFailure('id', mustBe('a UUID', value.id));
  }
  const core = statementCoreFailure(value, v2, false);
  if (core !== null) return core;
  if (value.stored !== undefined && !isIso8601Timestamp(value.stored, v2)) {
    return keyFailure('stored', mustBe(timestampKind(v2), value.stored));
  }
  if (value.authority !== undefined) {
    const inner = authorityFailure(value.authority);
    if (inner !== null) return atKey('authority', inner);
  }
  if (value.version !== undefined) {
    const pattern = v2 ? VERSION_2_0 : VERSION_1_0;
    if (typeof value.version !== 'string' || !pattern.test(value.version)) {
      return keyFailure('version', mustBe(v2 ? '1.0.x or 2.0.x' : '1.0.x', value.version));
    }
  }
  return null;
}
