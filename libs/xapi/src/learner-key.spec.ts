import { learnerKey } from './learner-key';

describe('learnerKey', () => {
  it('keys by store and the learner identifier, case-insensitive for mbox', () => {
    expect(learnerKey('s1', { mbox: 'mailto:Ann@Example.org' })).toBe(
      's1|Agent|mbox:mailto:ann@example.org',
    );
    expect(learnerKey('s1', { account: { homePage: 'https://hr', name: '42' } })).toBe(
      's1|Agent|account:https://hr|42',
    );
  });

  it('separates stores for the same learner', () => {
    const actor = { mbox: 'mailto:a@b.c' };
    expect(learnerKey('s1', actor)).not.toBe(learnerKey('s2', actor));
  });

  it('puts every anonymous group of a store on one key', () => {
    expect(learnerKey('s1', { objectType: 'Group', member: [{ mbox: 'mailto:a@b.c' }] })).toBe(
      's1|anonymous',
    );
  });
});
