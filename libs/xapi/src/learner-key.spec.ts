import { learnerKey } from './learner-key';

describe('learnerKey', () => {
  it('keys by store and the learner identifier, case-insensitive for mbox', () => {
    expect(learnerKey('s1', { mbox: 'mailto:Ann@Example.org' })).toBe('s1|mailto:ann@example.org');
    expect(learnerKey('s1', { account: { homePage: 'https://hr', name: '42' } })).toBe(
      's1|https://hr|42',
    );
  });

  it('separates stores for the same learner', () => {
    const actor = { mbox: 'mailto:a@b.c' };
    expect(learnerKey('s1', actor)).not.toBe(learnerKey('s2', actor));
  });
});
