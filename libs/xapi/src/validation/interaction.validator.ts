import { JsonObject, firstUnknownKey, isJsonObject } from './json-value.guard';
import { languageMapFailure } from './language-map.validator';
import {
  ValidationFailure,
  atIndex,
  atKey,
  failure,
  keyFailure,
  mustBe,
} from './validation-failure';

type ComponentList = 'choices' | 'scale' | 'source' | 'target' | 'steps';

const COMPONENT_LISTS: readonly ComponentList[] = ['choices', 'scale', 'source', 'target', 'steps'];
const COMPONENT_KEYS = new Set(['id', 'description']);

/** The component lists each interactionType supports (Data 2.4.4.1.s15, table 2). */
const LISTS_BY_TYPE: ReadonlyMap<string, readonly ComponentList[]> = new Map([
  ['true-false', []],
  ['choice', ['choices']],
  ['fill-in', []],
  ['long-fill-in', []],
  ['matching', ['source', 'target']],
  ['performance', ['steps']],
  ['sequencing', ['choices']],
  ['likert', ['scale']],
  ['numeric', []],
  ['other', []],
]);

/** Above this many components, distinct ids are checked with a Set instead of pairwise. */
const PAIRWISE_LIMIT = 16;

/**
 * The interaction properties of an Activity Definition. Any of them makes the Activity an
 * interaction, which then needs a valid interactionType (matched case-sensitively); component
 * lists must be ones that type supports, and component ids must be distinct within a list.
 * Response patterns are not parsed: the spec leaves their validation optional and forbids
 * limiting their length.
 */
export function interactionFailure(definition: JsonObject): ValidationFailure | null {
  const type = definition.interactionType;
  if (type === undefined) {
    if (definition.correctResponsesPattern !== undefined) {
      return keyFailure('interactionType', 'is required when correctResponsesPattern is present');
    }
    for (const list of COMPONENT_LISTS) {
      if (definition[list] !== undefined) {
        return keyFailure('interactionType', `is required when ${list} is present`);
      }
    }
    return null;
  }
  const supported = typeof type === 'string' ? LISTS_BY_TYPE.get(type) : undefined;
  if (typeof type !== 'string' || supported === undefined) {
    return keyFailure('interactionType', mustBe('one of the xAPI interaction types', type));
  }
  const pattern = correctResponsesPatternFailure(definition.correctResponsesPattern);
  if (pattern !== null) return atKey('correctResponsesPattern', pattern);
  for (const list of COMPONENT_LISTS) {
    const components = definition[list];
    if (components === undefined) continue;
    if (!supported.includes(list)) {
      return keyFailure(list, `is not supported by interactionType "${type}"`);
    }
    const inner = componentListFailure(components);
    if (inner !== null) return atKey(list, inner);
  }
  return null;
}

function correctResponsesPatternFailure(value: unknown): ValidationFailure | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) return failure(mustBe('an array of strings', value));
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') return atIndex(i, failure(mustBe('a string', item)));
  }
  return null;
}

function componentListFailure(value: unknown): ValidationFailure | null {
  if (!Array.isArray(value)) return failure(mustBe('an array of interaction components', value));
  for (let i = 0; i < value.length; i++) {
    const inner = componentFailure(value[i]);
    if (inner !== null) return atIndex(i, inner);
  }
  const duplicate = firstDuplicateId(value as readonly JsonObject[]);
  return duplicate < 0 ? null : atIndex(duplicate, keyFailure('id', 'repeats an earlier id'));
}

function componentFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an interaction component object', value));
  const unknown = firstUnknownKey(value, COMPONENT_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not an interaction component property');
  if (typeof value.id !== 'string') return keyFailure('id', mustBe('a string', value.id));
  if (value.description !== undefined) {
    const inner = languageMapFailure(value.description);
    if (inner !== null) return atKey('description', inner);
  }
  return null;
}

/** Index of the first component whose id an earlier one already used, or -1. */
function firstDuplicateId(components: readonly JsonObject[]): number {
  if (components.length > PAIRWISE_LIMIT) {
    const seen = new Set<unknown>();
    for (let i = 0; i < components.length; i++) {
      const id = components[i]?.id;
      if (seen.has(id)) return i;
      seen.add(id);
    }
    return -1;
  }
  for (let i = 1; i < components.length; i++) {
    const id = components[i]?.id;
    for (let j = 0; j < i; j++) {
      if (components[j]?.id === id) return i;
    }
  }
  return -1;
}
