import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TooManyRequestsError } from '../common/domain-errors';
import { LrsApiEnv } from '../config/lrs-api.env';
import { Credential } from '../credentials/credential';
import { RatePolicy, takeToken, TokenBucket } from './token-bucket';

/**
 * Requests per credential, as a token bucket per key in this instance (LRS_RATE_LIMIT_PER_SECOND
 * sustained, LRS_RATE_LIMIT_BURST at once; 0 turns it off). Only authenticated requests count,
 * so nobody can spend another client's allowance by guessing its key.
 */
@Injectable()
export class CredentialRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly policy: RatePolicy | undefined;

  constructor(
    env: LrsApiEnv,
    private readonly clock: Clock,
  ) {
    this.policy =
      env.LRS_RATE_LIMIT_PER_SECOND > 0
        ? {
            perSecond: env.LRS_RATE_LIMIT_PER_SECOND,
            burst: Math.max(1, env.LRS_RATE_LIMIT_BURST),
          }
        : undefined;
  }

  /** Throws 429 (with the seconds to wait) when the credential has used its allowance. */
  admit(credential: Credential): void {
    if (!this.policy) return;
    const { bucket, retryAfterMs } = takeToken(
      this.buckets.get(credential.key),
      this.clock.now().getTime(),
      this.policy,
    );
    this.buckets.set(credential.key, bucket);
    if (retryAfterMs > 0) {
      throw new TooManyRequestsError(
        `rate limit of ${this.policy.perSecond} requests per second for this credential exceeded; retry later`,
        Math.ceil(retryAfterMs / 1000),
      );
    }
  }
}
