import { activityDefinitionsOf } from './activity-definitions';

describe('activityDefinitionsOf', () => {
  it('collects object, context and sub-statement activities, merging language maps per language', () => {
    const updates = activityDefinitionsOf({
      object: {
        id: 'https://odp/unit-1',
        definition: {
          name: { 'en-GB': 'Unit 1' },
          type: 'http://adlnet.gov/expapi/activities/module',
        },
      },
      context: { contextActivities: { parent: [{ id: 'https://odp/qual' }] } },
    });
    expect(updates).toEqual([
      {
        activityId: 'https://odp/unit-1',
        set: {
          'definition.name.en-GB': 'Unit 1',
          'definition.type': 'http://adlnet.gov/expapi/activities/module',
        },
      },
      { activityId: 'https://odp/qual', set: {} },
    ]);
  });

  it('ignores agents and statement references as objects', () => {
    expect(activityDefinitionsOf({ object: { objectType: 'Agent', mbox: 'mailto:a@b' } })).toEqual(
      [],
    );
    expect(activityDefinitionsOf({ object: { objectType: 'StatementRef', id: 'x' } })).toEqual([]);
  });
});
