/** A refusal or failure from the reporting API, with the message it gave. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The reporting API on this page's origin, called with the viewer's bearer token. */
export class ReportingApi {
  constructor(private readonly token: string) {}

  async get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
    const url = query.size > 0 ? `${path}?${query.toString()}` : path;
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
    });
    if (!response.ok) throw new ApiError(response.status, await messageOf(response));
    return (await response.json()) as T;
  }
}

async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: fall back to the status
  }
  return `the reporting API answered ${response.status}`;
}
