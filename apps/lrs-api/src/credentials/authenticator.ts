import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../common/domain-errors';
import { Clock } from '../common/clock';
import { Credential } from './credential';
import { CredentialsRepository } from './credentials.repository';
import { SecretHasher } from './secret-hasher';

const CACHE_TTL_MS = 30_000;

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
    if (
      !stored ||
      stored.credential.revoked ||
      !(await this.hasher.verify(secret, stored.secretHash))
    ) {
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
}

export function parseBasic(authorization: string | undefined): { key: string; secret: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new UnauthorizedError('HTTP Basic authentication required');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new UnauthorizedError('Malformed Basic credentials');
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
