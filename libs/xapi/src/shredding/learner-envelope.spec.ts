import { randomBytes } from 'node:crypto';
import { learnerRef, openWith, sealedKeyIdOf, sealWith } from './learner-envelope';

const key = randomBytes(32);

describe('learner envelope', () => {
  it('opens what it sealed, and names only the key id', () => {
    const sealed = sealWith(key, 'k-1', '{"actor":"ann@example.gov.uk"}');
    expect(sealed.value.toString('latin1')).not.toContain('ann@');
    expect(sealedKeyIdOf(sealed.headers)).toBe('k-1');
    expect(openWith(key, 'k-1', sealed.value).toString()).toBe('{"actor":"ann@example.gov.uk"}');
  });

  it('refuses another key, another key id and a tampered value', () => {
    const sealed = sealWith(key, 'k-1', 'hello');
    expect(() => openWith(randomBytes(32), 'k-1', sealed.value)).toThrow();
    expect(() => openWith(key, 'k-2', sealed.value)).toThrow();
    const tampered = Buffer.from(sealed.value);
    tampered[14]! ^= 1;
    expect(() => openWith(key, 'k-1', tampered)).toThrow();
  });

  it('reads plain records as plain and refuses unknown envelope versions', () => {
    expect(sealedKeyIdOf({})).toBeUndefined();
    expect(() => sealedKeyIdOf({ 'lr-enc': Buffer.from('rot13/v9'), 'lr-key': 'k' })).toThrow(
      /unknown record envelope/,
    );
  });

  it('hashes learner keys', () => {
    expect(learnerRef('s|Agent|mbox:mailto:ann@example.gov.uk')).toMatch(/^[0-9a-f]{64}$/);
  });
});
