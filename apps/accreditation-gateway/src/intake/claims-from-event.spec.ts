import { claimIdOf } from '@lr/learning';
import { claimsFromEvent } from './claims-from-event';

const NOW = new Date('2026-11-23T10:00:00Z');
const base = {
  storeId: 'default',
  learnerKey: 'default|Agent|mbox:mailto:ada@example.gov.uk',
  learner: { mbox: 'mailto:ada@example.gov.uk', name: 'Ada' },
  qualification: { code: 'ODP-L2-CS', awardingBody: 'city-and-guilds', awardingBodyRef: 'C&G 1' },
  registeredAt: '2026-01-01T00:00:00.000Z',
};

describe('claimsFromEvent', () => {
  it('registers a learner with the body when they register', () => {
    const claims = claimsFromEvent({ ...base, type: 'learner-registered/v1' }, NOW);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({
      kind: 'registration',
      body: 'city-and-guilds',
      status: 'pending',
    });
  });

  it('claims the certificate after the same registration when they achieve, with the event claim id', () => {
    const registered = claimsFromEvent({ ...base, type: 'learner-registered/v1' }, NOW);
    const achieved = claimsFromEvent(
      {
        ...base,
        type: 'qualification-achieved/v1',
        achievedAt: '2026-03-01T00:00:00.000Z',
        units: [],
        credits: 10,
      },
      NOW,
    );
    expect(achieved.map((claim) => claim.kind)).toEqual(['registration', 'certificate']);
    expect(achieved[0]!._id).toBe(registered[0]!._id);
    expect(achieved[1]).toMatchObject({
      _id: claimIdOf(base.learnerKey, 'ODP-L2-CS'),
      after: registered[0]!._id,
      payload: { learnerEmail: 'ada@example.gov.uk', achievedAt: '2026-03-01T00:00:00.000Z' },
    });
  });

  it('records the learner’s department, when the event names one, for department figures', () => {
    const registered = { ...base, type: 'learner-registered/v1' };
    const withProfile = { ...registered, profile: { department: 'HMPO', grade: 'EO' } };
    expect(claimsFromEvent(withProfile, NOW)[0]).toMatchObject({ department: 'HMPO' });
    expect(claimsFromEvent(registered, NOW)[0]).not.toHaveProperty('department');
  });

  it('ignores other events', () => {
    expect(claimsFromEvent({ ...base, type: 'unit-completed/v1' }, NOW)).toEqual([]);
  });
});
