import { agentFailure, groupFailure } from './actor.validator';
import { isIri } from './iri.format';
import { firstUnknownKey, isJsonObject } from './json-value.guard';
import {
  ValidationFailure,
  atIndex,
  atKey,
  failure,
  keyFailure,
  mustBe,
} from './validation-failure';

const CONTEXT_AGENT_KEYS = new Set(['objectType', 'agent', 'relevantTypes']);
const CONTEXT_GROUP_KEYS = new Set(['objectType', 'group', 'relevantTypes']);

/** xAPI 2.0 contextAgents: [{ objectType: "contextAgent", agent, relevantTypes? }]. */
export function contextAgentsFailure(value: unknown): ValidationFailure | null {
  return relationsFailure(value, 'contextAgent', 'agent', CONTEXT_AGENT_KEYS);
}

/** xAPI 2.0 contextGroups: [{ objectType: "contextGroup", group, relevantTypes? }]. */
export function contextGroupsFailure(value: unknown): ValidationFailure | null {
  return relationsFailure(value, 'contextGroup', 'group', CONTEXT_GROUP_KEYS);
}

function relationsFailure(
  value: unknown,
  objectType: 'contextAgent' | 'contextGroup',
  member: 'agent' | 'group',
  keys: ReadonlySet<string>,
): ValidationFailure | null {
  if (!Array.isArray(value)) return failure(mustBe(`an array of ${objectType} objects`, value));
  for (let i = 0; i < value.length; i++) {
    const inner = relationFailure(value[i], objectType, member, keys);
    if (inner !== null) return atIndex(i, inner);
  }
  return null;
}

function relationFailure(
  value: unknown,
  objectType: 'contextAgent' | 'contextGroup',
  member: 'agent' | 'group',
  keys: ReadonlySet<string>,
): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe(`a ${objectType} object`, value));
  const unknown = firstUnknownKey(value, keys);
  if (unknown !== undefined) return keyFailure(unknown, `is not a ${objectType} property`);
  if (value.objectType !== objectType) {
    return keyFailure('objectType', mustBe(`"${objectType}"`, value.objectType));
  }
  const inner = member === 'agent' ? agentFailure(value.agent) : groupFailure(value.group);
  if (inner !== null) return atKey(member, inner);
  if (value.relevantTypes !== undefined) {
    const types = relevantTypesFailure(value.relevantTypes);
    if (types !== null) return atKey('relevantTypes', types);
  }
  return null;
}

/** One or more Activity type IRIs. */
function relevantTypesFailure(value: unknown): ValidationFailure | null {
  if (!Array.isArray(value) || value.length === 0) {
    return failure(mustBe('a non-empty array of IRIs', value));
  }
  for (let i = 0; i < value.length; i++) {
    const type: unknown = value[i];
    if (!isIri(type)) return atIndex(i, failure(mustBe('an IRI', type)));
  }
  return null;
}
