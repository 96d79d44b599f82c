import { agentKey } from '../statement-index';
import { ERASED_AGENT, statementErasure } from './statement-erasure';

const ann = { objectType: 'Agent', mbox: 'mailto:Ann@Example.gov.uk', name: 'Ann' };
const annAccount = { account: { homePage: 'https://hr.example.gov.uk', name: 'E1' } };
const bob = { objectType: 'Agent', mbox: 'mailto:bob@example.gov.uk' };
const keys = new Set([agentKey(ann)!, agentKey(annAccount)!]);
const verb = { id: 'http://adlnet.gov/expapi/verbs/completed' };
const activity = { objectType: 'Activity', id: 'https://odp.example.gov.uk/a' };

describe('statementErasure', () => {
  it('deletes statements whose actor is the learner, by any of their identifiers', () => {
    expect(statementErasure({ actor: ann, verb, object: activity }, keys)).toEqual({
      action: 'delete',
    });
    expect(statementErasure({ actor: annAccount, verb, object: activity }, keys)).toEqual({
      action: 'delete',
    });
  });

  it('deletes statements about the learner as their object', () => {
    expect(statementErasure({ actor: bob, verb, object: ann }, keys).action).toBe('delete');
  });

  it("redacts the learner from someone else's statement and keeps the rest", () => {
    const statement = {
      actor: bob,
      verb,
      object: activity,
      context: {
        instructor: ann,
        team: { objectType: 'Group', member: [bob, annAccount] },
        contextAgents: [{ objectType: 'contextAgent', agent: ann }],
      },
    };
    const outcome = statementErasure(statement, keys);
    if (outcome.action !== 'redact') throw new Error(`expected a redaction, got ${outcome.action}`);
    expect(outcome.statement.actor).toEqual(bob);
    expect(outcome.statement.object).toEqual(activity);
    expect(JSON.stringify(outcome.statement)).not.toMatch(/ann|E1/i);
    expect(outcome.statement.context).toEqual({
      instructor: ERASED_AGENT,
      team: { objectType: 'Group', member: [bob, ERASED_AGENT] },
      contextAgents: [{ objectType: 'contextAgent', agent: ERASED_AGENT }],
    });
  });

  it('keeps statements that do not name the learner', () => {
    expect(statementErasure({ actor: bob, verb, object: activity }, keys)).toEqual({
      action: 'keep',
    });
  });
});
