/** A minimal xAPI client for end-to-end tests: real HTTP, Basic auth, version header. */
export class LrsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
    private readonly secret: string,
  ) {}

  request(
    path: string,
    init: RequestInit & { auth?: boolean; version?: string | null } = {},
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.auth !== false) {
      headers.set(
        'authorization',
        `Basic ${Buffer.from(`${this.key}:${this.secret}`).toString('base64')}`,
      );
    }
    if (init.version !== null) headers.set('x-experience-api-version', init.version ?? '2.0.0');
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${this.baseUrl}${path}`, { ...init, headers });
  }

  postStatements(body: unknown): Promise<Response> {
    return this.request('/xapi/statements', { method: 'POST', body: JSON.stringify(body) });
  }

  getStatement(id: string): Promise<Response> {
    return this.request(`/xapi/statements?statementId=${encodeURIComponent(id)}`);
  }
}
