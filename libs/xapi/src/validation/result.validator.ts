import { extensionsFailure } from './extensions.validator';
import { isIso8601Duration } from './duration.format';
import { firstUnknownKey, isFiniteNumber, isJsonObject } from './json-value.guard';
import { ValidationFailure, atKey, failure, keyFailure, mustBe } from './validation-failure';

const RESULT_KEYS = new Set([
  'score',
  'success',
  'completion',
  'response',
  'duration',
  'extensions',
]);
const SCORE_KEYS = new Set(['scaled', 'raw', 'min', 'max']);

export function resultFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('a Result object', value));
  const unknown = firstUnknownKey(value, RESULT_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not a Result property');
  if (value.score !== undefined) {
    const inner = scoreFailure(value.score);
    if (inner !== null) return atKey('score', inner);
  }
  if (value.success !== undefined && typeof value.success !== 'boolean') {
    return keyFailure('success', mustBe('a boolean', value.success));
  }
  if (value.completion !== undefined && typeof value.completion !== 'boolean') {
    return keyFailure('completion', mustBe('a boolean', value.completion));
  }
  if (value.response !== undefined && typeof value.response !== 'string') {
    return keyFailure('response', mustBe('a string', value.response));
  }
  if (value.duration !== undefined && !isIso8601Duration(value.duration)) {
    return keyFailure('duration', mustBe('an ISO 8601 duration', value.duration));
  }
  if (value.extensions !== undefined) {
    const inner = extensionsFailure(value.extensions);
    if (inner !== null) return atKey('extensions', inner);
  }
  return null;
}

/** scaled within [-1, 1]; min below max; raw within [min, max] wherever those are given. */
function scoreFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('a Score object', value));
  const unknown = firstUnknownKey(value, SCORE_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not a Score property');
  const { scaled, raw, min, max } = value;
  if (scaled !== undefined && !(isFiniteNumber(scaled) && scaled >= -1 && scaled <= 1)) {
    return keyFailure('scaled', mustBe('a number from -1 to 1', scaled));
  }
  if (raw !== undefined && !isFiniteNumber(raw)) return keyFailure('raw', mustBe('a number', raw));
  if (min !== undefined && !isFiniteNumber(min)) return keyFailure('min', mustBe('a number', min));
  if (max !== undefined && !isFiniteNumber(max)) return keyFailure('max', mustBe('a number', max));
  // Every present value is a number by now, so typeof stands for "present".
  if (typeof min === 'number' && typeof max === 'number' && !(min < max)) {
    return keyFailure('min', 'must be less than max');
  }
  if (typeof raw === 'number') {
    if (typeof min === 'number' && raw < min) return keyFailure('raw', 'must not be less than min');
    if (typeof max === 'number' && raw > max) {
      return keyFailure('raw', 'must not be greater than max');
    }
  }
  return null;
}
