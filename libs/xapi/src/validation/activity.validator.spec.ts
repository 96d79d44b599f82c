import { activityFailure } from './activity.validator';

const ID = 'http://www.example.com/meetings/occurances/34534';

function withDefinition(definition: Record<string, unknown>): Record<string, unknown> {
  return { objectType: 'Activity', id: ID, definition };
}

function component(id: string): Record<string, unknown> {
  return { id, description: { 'en-US': id } };
}

/** [case, activity, path of the expected failure or null for valid] */
type Row = [string, unknown, string | null];

function check(value: unknown, path: string | null): void {
  const result = activityFailure(value);
  if (path === null) expect(result).toBeNull();
  else expect(result).toMatchObject({ path, message: expect.any(String) as string });
}

describe('Activities', () => {
  it.each<Row>([
    ['an id only', { id: ID }, null],
    ['objectType "Activity"', { objectType: 'Activity', id: ID }, null],
    ['no id', { objectType: 'Activity' }, 'id'],
    ['an id without scheme', { id: 'www.example.com/x' }, 'id'],
    ['a definition that is not an object', { id: ID, definition: 'x' }, 'definition'],
    ['an unknown property', { id: ID, name: 'x' }, 'name'],
    ['objectType "Agent"', { objectType: 'Agent', id: ID }, 'objectType'],
  ])('%s', (_case, value, path) => check(value, path));
});

describe('Activity Definitions', () => {
  it.each<Row>([
    [
      'every non-interaction property',
      withDefinition({
        name: { 'en-GB': 'example meeting' },
        description: { 'en-GB': 'An example meeting.' },
        type: 'http://adlnet.gov/expapi/activities/meeting',
        moreInfo: 'http://virtualmeeting.example.com/345256',
        extensions: { 'http://example.com/profiles/meetings/extension/location': 'X:\\meetings' },
      }),
      null,
    ],
    ['an empty definition', withDefinition({}), null],
    ['a numeric name', withDefinition({ name: 12345 }), 'definition.name'],
    ['a string name', withDefinition({ name: 'example meeting' }), 'definition.name'],
    [
      'a bad description key',
      withDefinition({ description: { something: 'x' } }),
      'definition.description["something"]',
    ],
    [
      'a type without scheme',
      withDefinition({ type: 'adlnet.gov/activities/meeting' }),
      'definition.type',
    ],
    [
      'a moreInfo without scheme',
      withDefinition({ moreInfo: 'virtualmeeting.example.com' }),
      'definition.moreInfo',
    ],
    [
      'a non-IRI extension key',
      withDefinition({ extensions: { 'not.valid.com/extension': 1 } }),
      'definition.extensions["not.valid.com/extension"]',
    ],
    ['an unknown property', withDefinition({ key: 'x' }), 'definition.key'],
  ])('%s', (_case, value, path) => check(value, path));
});

describe('interaction Activities', () => {
  const choices = [component('golf'), component('tetris')];
  it.each<Row>([
    [
      'true-false',
      withDefinition({ interactionType: 'true-false', correctResponsesPattern: ['true'] }),
      null,
    ],
    ['choice with choices', withDefinition({ interactionType: 'choice', choices }), null],
    ['sequencing with choices', withDefinition({ interactionType: 'sequencing', choices }), null],
    ['likert with scale', withDefinition({ interactionType: 'likert', scale: choices }), null],
    [
      'matching with source and target',
      withDefinition({ interactionType: 'matching', source: choices, target: choices }),
      null,
    ],
    [
      'performance with steps',
      withDefinition({ interactionType: 'performance', steps: choices }),
      null,
    ],
    [
      'fill-in, long-fill-in, numeric, other without lists',
      withDefinition({ interactionType: 'other' }),
      null,
    ],
    [
      'a component without description',
      withDefinition({ interactionType: 'choice', choices: [{ id: 'a' }] }),
      null,
    ],
    [
      'an empty correctResponsesPattern',
      withDefinition({ interactionType: 'numeric', correctResponsesPattern: [] }),
      null,
    ],
    [
      'correctResponsesPattern without interactionType',
      withDefinition({ correctResponsesPattern: ['true'] }),
      'definition.interactionType',
    ],
    ['choices without interactionType', withDefinition({ choices }), 'definition.interactionType'],
    [
      'target without interactionType',
      withDefinition({ target: choices }),
      'definition.interactionType',
    ],
    [
      'a wrongly cased interactionType',
      withDefinition({ interactionType: 'true-faLse' }),
      'definition.interactionType',
    ],
    [
      'an unknown interactionType',
      withDefinition({ interactionType: 'essay' }),
      'definition.interactionType',
    ],
    [
      'an IRI interactionType',
      withDefinition({ interactionType: 'http://x.com/choice' }),
      'definition.interactionType',
    ],
    [
      'a numeric interactionType',
      withDefinition({ interactionType: 12345 }),
      'definition.interactionType',
    ],
    [
      'a pattern that is a string',
      withDefinition({ interactionType: 'true-false', correctResponsesPattern: 'true' }),
      'definition.correctResponsesPattern',
    ],
    [
      'a pattern entry that is a number',
      withDefinition({ interactionType: 'numeric', correctResponsesPattern: ['1', 2] }),
      'definition.correctResponsesPattern[1]',
    ],
    [
      'scale on a choice',
      withDefinition({ interactionType: 'choice', scale: choices }),
      'definition.scale',
    ],
    [
      'choices on true-false',
      withDefinition({ interactionType: 'true-false', choices }),
      'definition.choices',
    ],
    [
      'steps on matching',
      withDefinition({ interactionType: 'matching', steps: choices }),
      'definition.steps',
    ],
    [
      'duplicate component ids',
      withDefinition({ interactionType: 'choice', choices: [...choices, component('golf')] }),
      'definition.choices[2].id',
    ],
    [
      'duplicate ids in a long list',
      withDefinition({
        interactionType: 'likert',
        scale: [...Array.from({ length: 20 }, (_v, i) => component(`s${i}`)), component('s3')],
      }),
      'definition.scale[20].id',
    ],
    [
      'a component without id',
      withDefinition({ interactionType: 'choice', choices: [{ description: { en: 'x' } }] }),
      'definition.choices[0].id',
    ],
    [
      'a numeric component id',
      withDefinition({ interactionType: 'choice', choices: [{ id: 1 }] }),
      'definition.choices[0].id',
    ],
    [
      'a component description that is not a language map',
      withDefinition({ interactionType: 'choice', choices: [{ id: 'a', description: 'x' }] }),
      'definition.choices[0].description',
    ],
    [
      'a component with an extra property',
      withDefinition({ interactionType: 'choice', choices: [{ id: 'a', name: 'x' }] }),
      'definition.choices[0].name',
    ],
    [
      'a component list that is an object',
      withDefinition({ interactionType: 'choice', choices: component('a') }),
      'definition.choices',
    ],
  ])('%s', (_case, value, path) => check(value, path));
});
