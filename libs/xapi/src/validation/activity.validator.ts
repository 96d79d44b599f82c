import { extensionsFailure } from './extensions.validator';
import { interactionFailure } from './interaction.validator';
import { isIri } from './iri.format';
import { firstUnknownKey, isJsonObject } from './json-value.guard';
import { languageMapFailure } from './language-map.validator';
import { ValidationFailure, atKey, failure, keyFailure, mustBe } from './validation-failure';

const ACTIVITY_KEYS = new Set(['objectType', 'id', 'definition']);
const DEFINITION_KEYS = new Set([
  'name',
  'description',
  'type',
  'moreInfo',
  'interactionType',
  'correctResponsesPattern',
  'choices',
  'scale',
  'source',
  'target',
  'steps',
  'extensions',
]);

/** An Activity, as a statement object or a context activity; objectType is optional. */
export function activityFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an Activity object', value));
  if (value.objectType !== undefined && value.objectType !== 'Activity') {
    return keyFailure('objectType', mustBe('"Activity"', value.objectType));
  }
  const unknown = firstUnknownKey(value, ACTIVITY_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not an Activity property');
  if (!isIri(value.id)) return keyFailure('id', mustBe('an IRI', value.id));
  if (value.definition !== undefined) {
    const inner = definitionFailure(value.definition);
    if (inner !== null) return atKey('definition', inner);
  }
  return null;
}

function definitionFailure(value: unknown): ValidationFailure | null {
  if (!isJsonObject(value)) return failure(mustBe('an Activity Definition object', value));
  const unknown = firstUnknownKey(value, DEFINITION_KEYS);
  if (unknown !== undefined) return keyFailure(unknown, 'is not an Activity Definition property');
  if (value.name !== undefined) {
    const inner = languageMapFailure(value.name);
    if (inner !== null) return atKey('name', inner);
  }
  if (value.description !== undefined) {
    const inner = languageMapFailure(value.description);
    if (inner !== null) return atKey('description', inner);
  }
  if (value.type !== undefined && !isIri(value.type)) {
    return keyFailure('type', mustBe('an IRI', value.type));
  }
  if (value.moreInfo !== undefined && !isIri(value.moreInfo)) {
    return keyFailure('moreInfo', mustBe('an IRL', value.moreInfo));
  }
  const interaction = interactionFailure(value);
  if (interaction !== null) return interaction;
  if (value.extensions !== undefined) {
    const inner = extensionsFailure(value.extensions);
    if (inner !== null) return atKey('extensions', inner);
  }
  return null;
}
