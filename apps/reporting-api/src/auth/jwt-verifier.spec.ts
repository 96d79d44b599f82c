import { UnauthorizedException } from '@nestjs/common';
import { generateKeyPairSync, sign } from 'node:crypto';
import { ReportingApiEnv } from '../config/reporting-api.env';
import { JwksClient } from './jwks.client';
import { JwtVerifier, signHs256 } from './jwt-verifier';

const NOW = new Date('2026-11-23T12:00:00Z');
const SECONDS = NOW.getTime() / 1000;
const SECRET = 'a-development-secret-of-enough-length';

function envWith(fields: Partial<ReportingApiEnv>): ReportingApiEnv {
  return Object.assign(new ReportingApiEnv(), fields);
}

class FixedJwks extends JwksClient {
  constructor(private readonly fixed: Record<string, unknown>[]) {
    super();
  }
  override key(_url: string, kid: string | undefined) {
    return Promise.resolve(this.fixed.find((key) => key.kid === kid) as never);
  }
}

function es256Token(
  claims: Record<string, unknown>,
  privateKey: Parameters<typeof sign>[2],
  kid: string,
) {
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = sign('SHA256', Buffer.from(`${header}.${payload}`), {
    key: privateKey as never,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('JwtVerifier', () => {
  const hs = new JwtVerifier(envWith({ REPORTING_JWT_SECRET: SECRET }), new FixedJwks([]));

  it('accepts a well-signed, unexpired HS256 token and returns its claims', async () => {
    const claims = await hs.verify(signHs256({ role: 'learner', exp: SECONDS + 60 }, SECRET), NOW);
    expect(claims.role).toBe('learner');
  });

  it.each([
    ['a wrong secret', signHs256({ exp: SECONDS + 60 }, 'another-secret-of-sufficient-length!')],
    ['an expired token', signHs256({ exp: SECONDS - 120 }, SECRET)],
    ['no expiry', signHs256({ role: 'learner' }, SECRET)],
    [
      'alg none',
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`,
    ],
    ['garbage', 'not.a.token'],
  ])('refuses %s with 401', async (_name, token) => {
    await expect(hs.verify(token, NOW)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('verifies ES256 tokens against the JWKS key named by kid, and refuses other keys', async () => {
    const good = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...good.publicKey.export({ format: 'jwk' }), kid: 'k1' };
    const verifier = new JwtVerifier(
      envWith({
        REPORTING_JWKS_URL: 'https://idp.example.gov.uk/jwks',
        REPORTING_JWT_ISSUER: 'idp',
      }),
      new FixedJwks([jwk]),
    );
    const claims = { role: 'profession-admin', iss: 'idp', exp: SECONDS + 60 };
    await expect(
      verifier.verify(es256Token(claims, good.privateKey, 'k1'), NOW),
    ).resolves.toMatchObject(claims);
    await expect(verifier.verify(es256Token(claims, other.privateKey, 'k1'), NOW)).rejects.toThrow(
      'bad token signature',
    );
    await expect(verifier.verify(es256Token(claims, good.privateKey, 'k2'), NOW)).rejects.toThrow(
      'unknown key',
    );
    await expect(
      verifier.verify(es256Token({ ...claims, iss: 'elsewhere' }, good.privateKey, 'k1'), NOW),
    ).rejects.toThrow('issuer');
    // An HS256 token is refused outright when only a JWKS is configured.
    await expect(verifier.verify(signHs256(claims, SECRET), NOW)).rejects.toThrow('not accepted');
  });
});
