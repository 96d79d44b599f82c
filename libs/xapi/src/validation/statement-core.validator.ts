import { actorFailure } from './actor.validator';
import { activityFailure } from './activity.validator';
import { attachmentsFailure } from './attachment.validator';
import { contextFailure } from './context.validator';
import { JsonObject, firstUnknownKey, isJsonObject } from './json-value.guard';
import { resultFailure } from './result.validator';
import { statementRefFailure } from './statement-ref.validator';
import { isIso8601Timestamp } from './timestamp.format';
import { VOIDED_VERB_ID, verbFailure } from './verb.validator';
import { ValidationFailure, atKey, failure, keyFailure, mustBe } from './validation-failure';

const SUB_STATEMENT_KEYS = new Set([
  'objectType',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'attachments',
]);

/**
 * What statements and sub-statements share: actor, verb, object, result, context, timestamp,
 * attachments, and the voiding rule (the voided verb takes only a StatementRef object).
 */
export function statementCoreFailure(
  statement: JsonObject,
  v2: boolean,
  isSubStatement: boolean,
): ValidationFailure | null {
  const actor = actorFailure(statement.actor);
  if (actor !== null) return atKey('actor', actor);
  const verb = verbFailure(statement.verb);
  if (verb !== null) return atKey('verb', verb);
  const object = statement.object;
  const objectInner = objectFailure(object, v2, isSubStatement);
  if (objectInner !== null) return atKey('object', objectInner);
  const objectType = (object as JsonObject).objectType;
  if ((statement.verb as JsonObject).id === VOIDED_VERB_ID && objectType !== 'StatementRef') {
    return keyFailure('object', 'a voiding statement must have a StatementRef object');
  }
  if (statement.result !== undefined) {
    const inner = resultFailure(statement.result);
    if (inner !== null) return atKey('result', inner);
  }
  if (statement.context !== undefined) {
    const isActivity = objectType === undefined || objectType === 'Activity';
    const inner = contextFailure(statement.context, isActivity, v2);
    if (inner !== null) return atKey('context', inner);
  }
  if (statement.timestamp !== undefined && !isIso8601Timestamp(statement.timestamp, v2)) {
    return keyFailure('timestamp', mustBe(timestampKind(v2), statement.timestamp));
  }
  if (statement.attachments !== undefined) {
    const inner = attachmentsFailure(statement.attachments);
    if (inner !== null) return atKey('attachments', inner);
  }
  return null;
}

export function timestampKind(v2: boolean): string {
  return v2 ? 'an ISO 8601 timestamp with a time zone' : 'an ISO 8601 timestamp';
}

/** The object, dispatched on objectType (absent means Activity). */
function objectFailure(
  value: unknown,
  v2: boolean,
  insideSubStatement: boolean,
): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an object', value));
  switch (value.objectType) {
    case undefined:
    case 'Activity':
      return activityFailure(value);
    case 'Agent':
    case 'Group':
      return actorFailure(value);
    case 'StatementRef':
      return statementRefFailure(value);
    case 'SubStatement':
      return insideSubStatement
        ? keyFailure('objectType', 'a SubStatement cannot contain another SubStatement')
        : subStatementFailure(value, v2);
    default:
      return keyFailure(
        'objectType',
        mustBe('one of Activity, Agent, Group, StatementRef, SubStatement', value.objectType),
      );
  }
}

/** A SubStatement: a statement without id, stored, version or authority, and not nested. */
function subStatementFailure(value: JsonObject, v2: boolean): ValidationFailure | null {
  const unknown = firstUnknownKey(value, SUB_STATEMENT_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not allowed in a SubStatement');
  return statementCoreFailure(value, v2, true);
}
