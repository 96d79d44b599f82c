import { activityDefinitionsOf, storedActivityDefinition } from './activity-definitions';

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

  it('keeps extensions, keyed by IRIs, as JSON text that reads back whole', () => {
    const extensions = { 'https://odp.example/ext.v1': { level: 2 } };
    const [update] = activityDefinitionsOf({
      object: { id: 'https://odp/unit-2', definition: { name: { en: 'Unit 2' }, extensions } },
    });
    expect(update?.set).toEqual({
      'definition.name.en': 'Unit 2',
      'definitionText.extensions': JSON.stringify(extensions),
    });
    expect(
      storedActivityDefinition({
        definition: { name: { en: 'Unit 2' }, extensions: { old: 1 } },
        definitionText: { extensions: JSON.stringify(extensions) },
      }),
    ).toEqual({ name: { en: 'Unit 2' }, extensions });
    expect(storedActivityDefinition({ definition: { name: { en: 'x' } } })).toEqual({
      name: { en: 'x' },
    });
  });
});
