import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { TooManyRequestsError, UnauthorizedError } from '../common/domain-errors';
import { takeToken, TokenBucket } from '../rate-limit/token-bucket';
import { Clock } from '../common/clock';
import { Credential } from './credential';
import { CredentialsRepository } from './credentials.repository';
import { SecretHasher } from './secret-hasher';

const CACHE_TTL_MS = 30_000;
/**
 * Wrong secrets a key may be tried with: each costs a deliberately slow scrypt, so beyond this
 * the key's guesses are refused before hashing (429) until the bucket refills. The right secret
 * resets it, and is cached, so its holder rarely meets this limit.
 */
const WRONG_SECRETS = { perSecond: 5, burst: 20 } as const;

interface CacheEntry {
  readonly digest: Buffer;
  readonly credential: Credential;
  readonly expiresAt: number;
}

/**
 * Resolves an HTTP Basic header to a credential. scrypt is deliberately slow, so a verified
 * secret is remembered briefly as a SHA-256 digest: the hot path pays one hash, and a revoked
 * credential stops working within the cache lifetime.
 */
@Injectable()
export class Authenticator {
  private readonly verified = new Map<string, CacheEntry>();
  /** Hashing attempts per key since its last right secret. */
  private readonly attempts = new Map<string, TokenBucket>();
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(
    private readonly repository: CredentialsRepository,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Credential> {
    const { key, secret } = parseBasic(authorization);
    const digest = createHash('sha256').update(secret).digest();
    const now = this.clock.now().getTime();
    const cached = this.verified.get(key);
    if (cached && cached.expiresAt > now && timingSafeEqual(cached.digest, digest)) {
      return cached.credential;
    }
    const stored = await this.repository.findByKey(key);
    if (!stored || stored.credential.revoked) throw new UnauthorizedError('Invalid credentials');
    if (!(await this.verify(key, digest, secret, stored.secretHash, now))) {
      throw new UnauthorizedError('Invalid credentials');
    }
    this.verified.set(key, {
      digest,
      credential: stored.credential,
      expiresAt: now + CACHE_TTL_MS,
    });
    return stored.credential;
  }

  forget(key: string): void {
    this.verified.delete(key);
  }

  /**
   * One scrypt per key and secret at a time: concurrent requests with the same secret share it
   * (a client's burst when its cache entry lapses costs one hash and one token). Each new
   * attempt takes a token from the key's bucket before hashing, synchronously, so concurrent
   * guesses cannot all pass the check; a right secret empties the record of wrong ones.
   */
  private verify(
    key: string,
    digest: Buffer,
    secret: string,
    secretHash: string,
    now: number,
  ): Promise<boolean> {
    const attempt = `${key}\u0000${digest.toString('hex')}`;
    const running = this.inFlight.get(attempt);
    if (running) return running;
    const guess = takeToken(this.attempts.get(key), now, WRONG_SECRETS);
    if (guess.retryAfterMs > 0) {
      throw new TooManyRequestsError(
        'too many wrong secrets for this key; retry later',
        Math.ceil(guess.retryAfterMs / 1000),
      );
    }
    this.attempts.set(key, guess.bucket);
    const verifying = this.hasher
      .verify(secret, secretHash)
      .then((right) => {
        if (right) this.attempts.delete(key);
        return right;
      })
      .finally(() => this.inFlight.delete(attempt));
    this.inFlight.set(attempt, verifying);
    return verifying;
  }
}

export function parseBasic(authorization: string | undefined): { key: string; secret: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new UnauthorizedError('HTTP Basic authentication required');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new UnauthorizedError('Malformed Basic credentials');
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
