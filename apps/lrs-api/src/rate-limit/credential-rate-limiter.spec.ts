import { Clock } from '../common/clock';
import { TooManyRequestsError } from '../common/domain-errors';
import { LrsApiEnv } from '../config/lrs-api.env';
import { Credential } from '../credentials/credential';
import { CredentialRateLimiter } from './credential-rate-limiter';

const credential = (key: string): Credential => ({
  key,
  name: key,
  storeId: 's',
  scopes: ['all'],
  revoked: false,
});

describe('CredentialRateLimiter', () => {
  let now = 0;
  const clock: Clock = { now: () => new Date(now) };
  const limiter = (perSecond: number, burst: number) =>
    new CredentialRateLimiter(
      Object.assign(new LrsApiEnv(), {
        LRS_RATE_LIMIT_PER_SECOND: perSecond,
        LRS_RATE_LIMIT_BURST: burst,
      }),
      clock,
    );

  it('refuses a credential past its burst with the seconds to wait, and no other credential', () => {
    const limited = limiter(2, 3);
    for (let i = 0; i < 3; i++) limited.admit(credential('a'));
    let refused: unknown;
    try {
      limited.admit(credential('a'));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).headers).toEqual({ 'retry-after': '1' });
    expect(() => limited.admit(credential('b'))).not.toThrow();
    now += 500;
    expect(() => limited.admit(credential('a'))).not.toThrow();
  });

  it('admits everything when the rate is 0', () => {
    const off = limiter(0, 1);
    expect(() => {
      for (let i = 0; i < 10_000; i++) off.admit(credential('a'));
    }).not.toThrow();
  });
});
