import { fingerprintOf, sameStatement } from './statement-fingerprint';

const base = () => ({
  id: 'a0b1c2d3-0000-4000-8000-000000000001',
  actor: {
    objectType: 'Group',
    mbox: 'mailto:team@Example.ORG',
    member: [{ mbox: 'mailto:a@x.org' }, { mbox: 'mailto:b@x.org' }],
  },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-GB': 'completed' } },
  object: { id: 'https://odp.example/unit-1', definition: { name: { 'en-GB': 'Unit 1' } } },
  result: { duration: 'PT1H' },
  timestamp: '2026-11-23T10:00:00Z',
});

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  sameStatement(fingerprintOf(a), fingerprintOf(b));

describe('statement comparison', () => {
  it('ignores LRS-assigned properties, verb display, definitions, member order and mbox domain case', () => {
    const other = {
      ...base(),
      stored: '2026-11-23T10:00:01Z',
      authority: { mbox: 'mailto:lrs@x.org' },
      version: '1.0.3',
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: 'https://odp.example/unit-1' },
      actor: {
        ...base().actor,
        mbox: 'mailto:team@example.org',
        member: [...base().actor.member].reverse(),
      },
    };
    expect(same(base(), other)).toBe(true);
  });

  it('compares timestamps as instants, and ignores one the client did not send', () => {
    expect(same(base(), { ...base(), timestamp: '2026-11-23T11:00:00+01:00' })).toBe(true);
    expect(same(base(), { ...base(), timestamp: '2026-11-23T10:00:01Z' })).toBe(false);
    const { timestamp: _t, ...withoutTimestamp } = base();
    expect(same(base(), withoutTimestamp)).toBe(true);
  });

  it('treats duration as a string and any other difference as significant', () => {
    expect(same(base(), { ...base(), result: { duration: 'PT60M' } })).toBe(false);
    expect(same(base(), { ...base(), verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } })).toBe(
      false,
    );
    expect(
      same(base(), { ...base(), actor: { ...base().actor, mbox: 'mailto:Team@example.org' } }),
    ).toBe(false);
  });
});
