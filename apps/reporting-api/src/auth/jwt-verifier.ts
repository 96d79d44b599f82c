import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHmac, createPublicKey, KeyObject, timingSafeEqual, verify } from 'node:crypto';
import { ReportingApiEnv } from '../config/reporting-api.env';
import { JwksClient } from './jwks.client';

export type JwtClaims = Record<string, unknown>;

const ASYMMETRIC: Record<string, string> = { RS256: 'RSA-SHA256', ES256: 'SHA256' };
const LEEWAY_SECONDS = 30;

/**
 * Verifies compact JWS tokens: HS256 with the development secret, or RS256/ES256 with keys from
 * the configured JWKS. The algorithm is chosen by configuration, never trusted from the token
 * alone, and signatures are compared in constant time.
 */
@Injectable()
export class JwtVerifier {
  constructor(
    private readonly env: ReportingApiEnv,
    @Inject(JwksClient) private readonly jwks: JwksClient,
  ) {}

  async verify(token: string, now: Date): Promise<JwtClaims> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new UnauthorizedException('malformed token');
    const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
    const header = decodeJson(encodedHeader);
    const signed = `${encodedHeader}.${encodedPayload}`;
    const signature = Buffer.from(encodedSignature, 'base64url');
    const alg = typeof header.alg === 'string' ? header.alg : '';
    if (alg === 'HS256' && this.env.REPORTING_JWT_SECRET) {
      const expected = createHmac('sha256', this.env.REPORTING_JWT_SECRET).update(signed).digest();
      if (expected.length !== signature.length || !timingSafeEqual(expected, signature)) {
        throw new UnauthorizedException('bad token signature');
      }
    } else if (ASYMMETRIC[alg] && this.env.REPORTING_JWKS_URL) {
      const key = await this.keyFor(header);
      const ok = verify(ASYMMETRIC[alg], Buffer.from(signed), asymmetricKey(key, alg), signature);
      if (!ok) throw new UnauthorizedException('bad token signature');
    } else {
      throw new UnauthorizedException(`token algorithm ${alg || 'missing'} not accepted`);
    }
    const claims = decodeJson(encodedPayload);
    this.checkTimes(claims, now);
    this.checkAudience(claims);
    return claims;
  }

  private async keyFor(header: JwtClaims): Promise<KeyObject> {
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    const jwk = await this.jwks.key(this.env.REPORTING_JWKS_URL!, kid);
    if (!jwk) throw new UnauthorizedException('token signed with an unknown key');
    return createPublicKey({ key: jwk, format: 'jwk' });
  }

  private checkTimes(claims: JwtClaims, now: Date): void {
    const seconds = now.getTime() / 1000;
    if (typeof claims.exp !== 'number') throw new UnauthorizedException('token has no expiry');
    if (claims.exp + LEEWAY_SECONDS < seconds) throw new UnauthorizedException('token expired');
    if (typeof claims.nbf === 'number' && claims.nbf - LEEWAY_SECONDS > seconds) {
      throw new UnauthorizedException('token not yet valid');
    }
  }

  private checkAudience(claims: JwtClaims): void {
    const { REPORTING_JWT_ISSUER: issuer, REPORTING_JWT_AUDIENCE: audience } = this.env;
    if (issuer && claims.iss !== issuer) throw new UnauthorizedException('wrong token issuer');
    if (audience) {
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!aud.includes(audience)) throw new UnauthorizedException('wrong token audience');
    }
  }
}

function asymmetricKey(key: KeyObject, alg: string) {
  // JWS ES256 signatures are raw r||s, not DER.
  return alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' as const } : key;
}

function decodeJson(part: string): JwtClaims {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as JwtClaims;
  } catch {
    // fall through
  }
  throw new UnauthorizedException('malformed token');
}

/** Signs an HS256 token: for development (npm run token) and tests. */
export function signHs256(claims: JwtClaims, secret: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
