import { agentKey, indexFieldsOf, VOIDED_VERB } from './statement-index';

const ann = { mbox: 'mailto:Ann@Example.org' };
const bob = { objectType: 'Agent', account: { homePage: 'https://hr.example', name: 'bob' } };

describe('indexFieldsOf', () => {
  it('indexes actor, verb, activity, registration and context activities', () => {
    const fields = indexFieldsOf({
      actor: ann,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: 'https://odp/unit-1' },
      authority: bob,
      context: {
        registration: 'AAAAAAAA-0000-4000-8000-000000000001',
        instructor: bob,
        contextActivities: {
          parent: { id: 'https://odp/qual' },
          grouping: [{ id: 'https://odp/level-3' }],
        },
      },
    });
    expect(fields).toEqual({
      agents: ['Agent|mbox:mailto:ann@example.org'],
      relatedAgents: ['Agent|mbox:mailto:ann@example.org', 'Agent|account:https://hr.example|bob'],
      verbs: ['http://adlnet.gov/expapi/verbs/completed'],
      activities: ['https://odp/unit-1'],
      relatedActivities: ['https://odp/unit-1', 'https://odp/qual', 'https://odp/level-3'],
      registrations: ['aaaaaaaa-0000-4000-8000-000000000001'],
      refId: null,
      voidsId: null,
      authority: 'Agent|account:https://hr.example|bob',
    });
  });

  it('treats an Agent object as an agent match and a SubStatement as related only', () => {
    const fields = indexFieldsOf({
      actor: ann,
      verb: { id: 'v' },
      object: {
        objectType: 'SubStatement',
        actor: bob,
        verb: { id: 'w' },
        object: { id: 'https://odp/a' },
      },
    });
    expect(fields.agents).toEqual(['Agent|mbox:mailto:ann@example.org']);
    expect(fields.relatedAgents).toContain(agentKey(bob));
    expect(fields.activities).toEqual([]);
    expect(fields.relatedActivities).toEqual(['https://odp/a']);
  });

  it('records what a voiding statement voids', () => {
    const fields = indexFieldsOf({
      actor: ann,
      verb: { id: VOIDED_VERB },
      object: { objectType: 'StatementRef', id: 'BBBBBBBB-0000-4000-8000-000000000002' },
    });
    expect(fields.refId).toBe('bbbbbbbb-0000-4000-8000-000000000002');
    expect(fields.voidsId).toBe('bbbbbbbb-0000-4000-8000-000000000002');
  });

  it('distinguishes an Agent from a Group with the same identifier', () => {
    expect(agentKey({ objectType: 'Group', mbox: 'mailto:a@b' })).not.toBe(
      agentKey({ mbox: 'mailto:a@b' }),
    );
  });
});
