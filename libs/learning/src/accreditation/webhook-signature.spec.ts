import { signWebhook, verifyWebhook } from './webhook-signature';

const NOW = new Date('2026-11-23T10:00:00Z');

describe('webhook signatures', () => {
  const body = '{"claimId":"c1"}';
  const header = signWebhook(body, 'a-secret-of-some-length', NOW);

  it('verifies what it signed', () => {
    expect(verifyWebhook(body, header, 'a-secret-of-some-length', NOW)).toBe(true);
  });

  it('refuses another secret, another body, a stale timestamp and malformed headers', () => {
    expect(verifyWebhook(body, header, 'another-secret-entirely', NOW)).toBe(false);
    expect(verifyWebhook('{"claimId":"c2"}', header, 'a-secret-of-some-length', NOW)).toBe(false);
    expect(
      verifyWebhook(body, header, 'a-secret-of-some-length', new Date(NOW.getTime() + 600_000)),
    ).toBe(false);
    expect(verifyWebhook(body, undefined, 'a-secret-of-some-length', NOW)).toBe(false);
    expect(verifyWebhook(body, 'v1=abc', 'a-secret-of-some-length', NOW)).toBe(false);
  });
});
