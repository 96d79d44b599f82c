export interface PostAnswer {
  /** 0 when no answer came (connection refused or reset, or the time limit passed). */
  readonly status: number;
  readonly retryAfter: string | null;
  readonly ms: number;
  /** No answer within the time limit: the request hung. */
  readonly hung: boolean;
}

/** POSTs statements to the LRS with a time limit: a hang shows up as no answer, not a stall. */
export class LrsPoster {
  private readonly auth: string;

  constructor(
    private readonly baseUrl: string,
    key: string,
    secret: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  }

  async post(statements: readonly Record<string, unknown>[]): Promise<PostAnswer> {
    const started = Date.now();
    try {
      const response = await fetch(`${this.baseUrl}/xapi/statements`, {
        method: 'POST',
        body: JSON.stringify(statements),
        headers: {
          authorization: this.auth,
          'x-experience-api-version': '2.0.0',
          'content-type': 'application/json',
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.arrayBuffer();
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        ms: Date.now() - started,
        hung: false,
      };
    } catch (error) {
      const hung = error instanceof DOMException && error.name === 'TimeoutError';
      return { status: 0, retryAfter: null, ms: Date.now() - started, hung };
    }
  }
}
