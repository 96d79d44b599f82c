import { actorFailure, groupFailure } from './actor.validator';
import { contextActivitiesFailure } from './context-activities.validator';
import { contextAgentsFailure, contextGroupsFailure } from './context-agents.validator';
import { extensionsFailure } from './extensions.validator';
import { firstUnknownKey, isJsonObject } from './json-value.guard';
import { isLanguageTag } from './language-tag.format';
import { statementRefFailure } from './statement-ref.validator';
import { isUuid } from './uuid.format';
import { ValidationFailure, atKey, failure, keyFailure, mustBe } from './validation-failure';

const CONTEXT_KEYS_1_0 = new Set([
  'registration',
  'instructor',
  'team',
  'contextActivities',
  'revision',
  'platform',
  'language',
  'statement',
  'extensions',
]);
const CONTEXT_KEYS_2_0 = new Set([...CONTEXT_KEYS_1_0, 'contextAgents', 'contextGroups']);

/**
 * A Context. `objectIsActivity` says whether the (sub-)statement's object is an Activity, since
 * revision and platform only make sense then; contextAgents and contextGroups exist from 2.0.
 */
export function contextFailure(
  value: unknown,
  objectIsActivity: boolean,
  v2: boolean,
): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('a Context object', value));
  const unknown = firstUnknownKey(value, v2 ? CONTEXT_KEYS_2_0 : CONTEXT_KEYS_1_0);
  if (unknown !== undefined) return keyFailure(unknown, 'is not a Context property');
  if (value.registration !== undefined && !isUuid(value.registration)) {
    return keyFailure('registration', mustBe('a UUID', value.registration));
  }
  const people = peopleFailure(value);
  if (people !== null) return people;
  if (value.contextActivities !== undefined) {
    const inner = contextActivitiesFailure(value.contextActivities);
    if (inner !== null) return atKey('contextActivities', inner);
  }
  const activityOnly = activityOnlyFailure(value.revision, value.platform, objectIsActivity);
  if (activityOnly !== null) return activityOnly;
  if (value.language !== undefined && !isLanguageTag(value.language)) {
    return keyFailure('language', mustBe('an RFC 5646 language tag', value.language));
  }
  if (value.statement !== undefined) {
    const inner = statementRefFailure(value.statement);
    if (inner !== null) return atKey('statement', inner);
  }
  if (value.extensions !== undefined) {
    const inner = extensionsFailure(value.extensions);
    if (inner !== null) return atKey('extensions', inner);
  }
  return null;
}

function peopleFailure(context: Record<string, unknown>): ValidationFailure | null {
  if (context.instructor !== undefined) {
    const inner = actorFailure(context.instructor);
    if (inner !== null) return atKey('instructor', inner);
  }
  if (context.team !== undefined) {
    const inner = groupFailure(context.team);
    if (inner !== null) return atKey('team', inner);
  }
  if (context.contextAgents !== undefined) {
    const inner = contextAgentsFailure(context.contextAgents);
    if (inner !== null) return atKey('contextAgents', inner);
  }
  if (context.contextGroups !== undefined) {
    const inner = contextGroupsFailure(context.contextGroups);
    if (inner !== null) return atKey('contextGroups', inner);
  }
  return null;
}

function activityOnlyFailure(
  revision: unknown,
  platform: unknown,
  objectIsActivity: boolean,
): ValidationFailure | null {
  if (revision !== undefined) {
    if (typeof revision !== 'string') return keyFailure('revision', mustBe('a string', revision));
    if (!objectIsActivity)
      return keyFailure('revision', 'is only allowed when the object is an Activity');
  }
  if (platform !== undefined) {
    if (typeof platform !== 'string') return keyFailure('platform', mustBe('a string', platform));
    if (!objectIsActivity)
      return keyFailure('platform', 'is only allowed when the object is an Activity');
  }
  return null;
}
