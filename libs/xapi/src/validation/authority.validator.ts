import { agentFailure, groupFailure, isIdentifiedGroup } from './actor.validator';
import { isJsonObject } from './json-value.guard';
import { ValidationFailure, failure, keyFailure, mustBe } from './validation-failure';

/**
 * An authority: an Agent, or for 3-legged OAuth an anonymous Group of exactly two Agents (the
 * application and the user). The LRS replaces it anyway, but a malformed one is still rejected.
 */
export function authorityFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an Agent or Group object', value));
  if (value.objectType !== 'Group') return agentFailure(value);
  const inner = groupFailure(value);
  if (inner !== null) return inner;
  if (isIdentifiedGroup(value)) return failure('a Group authority must be anonymous');
  const member = value.member as unknown[];
  return member.length === 2 ? null : keyFailure('member', 'must hold exactly two Agents');
}
