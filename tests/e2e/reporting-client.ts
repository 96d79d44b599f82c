import { signHs256 } from '../../apps/reporting-api/src/auth/jwt-verifier';

export const REPORTING_SECRET = 'e2e-reporting-secret-that-is-long-enough';

export interface TokenClaims {
  readonly role: 'learner' | 'line-manager' | 'department-admin' | 'profession-admin';
  readonly store?: string;
  readonly learner?: Record<string, unknown>;
  readonly department?: string;
}

/** Calls the reporting API with a development (HS256) token for the given claims. */
export class ReportingClient {
  constructor(
    private readonly baseUrl: string,
    private readonly secret = REPORTING_SECRET,
  ) {}

  token(claims: TokenClaims, secret = this.secret): string {
    const now = Math.floor(Date.now() / 1000);
    return signHs256({ sub: 'e2e', store: 'default', exp: now + 600, ...claims }, secret);
  }

  get(path: string, claims: TokenClaims | null, secret?: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (claims) headers.authorization = `Bearer ${this.token(claims, secret)}`;
    return fetch(`${this.baseUrl}${path}`, { headers });
  }

  async json<T>(path: string, claims: TokenClaims): Promise<T> {
    const response = await this.get(path, claims);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

export function agentParam(email: string): string {
  return encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }));
}
