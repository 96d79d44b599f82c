import { activityFailure } from './activity.validator';
import { firstUnknownKey, isJsonObject } from './json-value.guard';
import {
  ValidationFailure,
  atIndex,
  atKey,
  failure,
  keyFailure,
  mustBe,
} from './validation-failure';

const CONTEXT_ACTIVITY_KEYS = new Set(['parent', 'grouping', 'category', 'other']);

/**
 * contextActivities: parent, grouping, category and other, each an array of Activities or, for
 * compatibility with 0.95, a single Activity.
 */
export function contextActivitiesFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('a contextActivities object', value));
  const unknown = firstUnknownKey(value, CONTEXT_ACTIVITY_KEYS);
  if (unknown !== undefined) {
    return keyFailure(unknown, 'is not a context type (parent, grouping, category, other)');
  }
  for (const key in value) {
    const inner = activitiesFailure(value[key]);
    if (inner !== null) return atKey(key, inner);
  }
  return null;
}

function activitiesFailure(value: unknown): ValidationFailure | null {
  if (!Array.isArray(value)) return activityFailure(value);
  for (let i = 0; i < value.length; i++) {
    const inner = activityFailure(value[i]);
    if (inner !== null) return atIndex(i, inner);
  }
  return null;
}
