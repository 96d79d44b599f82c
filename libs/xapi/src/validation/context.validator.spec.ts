import { contextFailure } from './context.validator';

const ID = 'ec531277-b57b-4c15-8d91-d292c5b2b8f7';
const AGENT = { objectType: 'Agent', mbox: 'mailto:player-1@example.com' };
const GROUP = { objectType: 'Group', mbox: 'mailto:team-1@example.com', member: [AGENT] };
const ACTIVITY = { id: 'http://www.example.com/meetings/series/267' };
const TYPE = 'https://example.com/xapi/activity-types/position/quarterback';

/** [case, context, path of the expected failure or null for valid] */
type Row = [string, unknown, string | null];

function check(value: unknown, path: string | null, objectIsActivity = true, v2 = false): void {
  const result = contextFailure(value, objectIsActivity, v2);
  if (path === null) expect(result).toBeNull();
  else expect(result).toMatchObject({ path, message: expect.any(String) as string });
}

describe('Context', () => {
  it.each<Row>([
    [
      'every 1.0.3 property',
      {
        registration: ID,
        instructor: AGENT,
        team: GROUP,
        contextActivities: { parent: [ACTIVITY] },
        revision: 'v2',
        platform: 'Example virtual meeting software',
        language: 'tlh',
        statement: { objectType: 'StatementRef', id: ID },
        extensions: { 'http://example.com/ext': { nested: [1, null] } },
      },
      null,
    ],
    ['an empty context', {}, null],
    ['a Group instructor', { instructor: GROUP }, null],
    [
      'a bad registration',
      { registration: 'AA97B177-9383-4934-8543-0F91A7A028368' },
      'registration',
    ],
    ['an instructor without IFI', { instructor: { objectType: 'Agent' } }, 'instructor'],
    ['an Agent as team', { team: AGENT }, 'team.objectType'],
    ['an anonymous team without members', { team: { objectType: 'Group' } }, 'team.member'],
    ['a numeric revision', { revision: 2 }, 'revision'],
    ['a numeric platform', { platform: 2 }, 'platform'],
    ['a bad language', { language: 'not a tag' }, 'language'],
    ['a StatementRef without objectType', { statement: { id: ID } }, 'statement.objectType'],
    [
      'a statement that is an Activity',
      { statement: { objectType: 'Activity', id: ID } },
      'statement.objectType',
    ],
    [
      'a non-IRI extension key',
      { extensions: { 'example.com/wrong': 1 } },
      'extensions["example.com/wrong"]',
    ],
    ['an unknown property', { key: 'x' }, 'key'],
    ['contextAgents in 1.0.3', { contextAgents: [] }, 'contextAgents'],
    ['a null property', { platform: null }, 'platform'],
    ['an array', [], ''],
  ])('%s', (_case, value, path) => check(value, path));

  it.each<Row>([
    ['revision', { revision: 'v2' }, 'revision'],
    ['platform', { platform: 'LMS' }, 'platform'],
  ])('allows %s only when the object is an Activity', (_case, value, path) => {
    check(value, null, true);
    check(value, path, false);
  });
});

describe('contextActivities', () => {
  it.each<Row>([
    [
      'single Activities (0.95 compatibility)',
      { parent: ACTIVITY, grouping: ACTIVITY, category: ACTIVITY, other: ACTIVITY },
      null,
    ],
    ['arrays of Activities', { parent: [ACTIVITY, ACTIVITY], other: [] }, null],
    ['an unknown context type', { related: [ACTIVITY] }, 'contextActivities.related'],
    ['a wrongly cased context type', { Parent: [ACTIVITY] }, 'contextActivities.Parent'],
    [
      'an Activity without id',
      { parent: [{ objectType: 'Activity' }] },
      'contextActivities.parent[0].id',
    ],
    ['an invalid Activity id', { category: { id: 'activity' } }, 'contextActivities.category.id'],
    ['an Agent', { other: [ACTIVITY, AGENT] }, 'contextActivities.other[1].objectType'],
    ['a string', { grouping: 'activity' }, 'contextActivities.grouping'],
    ['a string as the whole', 'activities', 'contextActivities'],
  ])('%s', (_case, value, path) => check({ contextActivities: value }, path));
});

describe('contextAgents and contextGroups (xAPI 2.0)', () => {
  const contextAgent = { objectType: 'contextAgent', agent: AGENT, relevantTypes: [TYPE] };
  const contextGroup = { objectType: 'contextGroup', group: GROUP, relevantTypes: [TYPE] };
  it.each<Row>([
    ['a contextAgent', { contextAgents: [contextAgent] }, null],
    [
      'a contextAgent without relevantTypes',
      { contextAgents: [{ objectType: 'contextAgent', agent: AGENT }] },
      null,
    ],
    [
      'a contextGroup',
      {
        contextGroups: [
          contextGroup,
          { ...contextGroup, group: { objectType: 'Group', member: [AGENT] } },
        ],
      },
      null,
    ],
    ['contextAgents not an array', { contextAgents: contextAgent }, 'contextAgents'],
    [
      'another objectType',
      { contextAgents: [{ ...contextAgent, objectType: 'Should fail' }] },
      'contextAgents[0].objectType',
    ],
    ['a missing objectType', { contextAgents: [{ agent: AGENT }] }, 'contextAgents[0].objectType'],
    [
      'an invalid agent',
      { contextAgents: [{ ...contextAgent, agent: { key: 'Should fail' } }] },
      'contextAgents[0].agent.key',
    ],
    [
      'a missing agent',
      { contextAgents: [{ objectType: 'contextAgent' }] },
      'contextAgents[0].agent',
    ],
    [
      'a Group as agent',
      { contextAgents: [{ ...contextAgent, agent: GROUP }] },
      'contextAgents[0].agent.objectType',
    ],
    [
      'empty relevantTypes',
      { contextAgents: [{ ...contextAgent, relevantTypes: [] }] },
      'contextAgents[0].relevantTypes',
    ],
    [
      'a non-IRI relevant type',
      { contextAgents: [{ ...contextAgent, relevantTypes: ['abc'] }] },
      'contextAgents[0].relevantTypes[0]',
    ],
    [
      'an unknown property',
      { contextAgents: [{ ...contextAgent, role: 'x' }] },
      'contextAgents[0].role',
    ],
    [
      'contextAgent objectType in contextGroups',
      { contextGroups: [{ ...contextGroup, objectType: 'contextAgent' }] },
      'contextGroups[0].objectType',
    ],
    [
      'an Agent as group',
      { contextGroups: [{ ...contextGroup, group: AGENT }] },
      'contextGroups[0].group.objectType',
    ],
    [
      'an anonymous group without members',
      { contextGroups: [{ ...contextGroup, group: { objectType: 'Group' } }] },
      'contextGroups[0].group.member',
    ],
    [
      'empty group relevantTypes',
      { contextGroups: [{ ...contextGroup, relevantTypes: [] }] },
      'contextGroups[0].relevantTypes',
    ],
  ])('%s', (_case, value, path) => check(value, path, true, true));
});
