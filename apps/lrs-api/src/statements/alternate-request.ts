import { BadRequestError } from '../common/domain-errors';

/** Form fields that stand for headers in the alternate request syntax (xAPI 1.0.3 §1.3). */
const HEADER_FIELDS = new Set([
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
]);

export interface AlternateRequest {
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly authorization: string | undefined;
  readonly version: string | undefined;
  readonly params: Record<string, string>;
  /** The `content` form field, parsed as JSON, for PUT and POST. */
  readonly content: unknown;
}

/**
 * Reads a 1.0.3 alternate-syntax request (`POST ?method=X` with the headers and body in a form).
 * Form fields win over real headers. Anything else on the query string is refused. Pure.
 */
export function parseAlternateRequest(
  query: Record<string, string | undefined>,
  contentType: string | undefined,
  body: unknown,
  headers: { authorization?: string; version?: string },
): AlternateRequest {
  const extra = Object.keys(query).find((key) => key !== 'method');
  if (extra)
    throw new BadRequestError(
      `alternate request syntax allows only the method parameter, not ${extra}`,
    );
  const method = query.method?.toUpperCase();
  if (method !== 'GET' && method !== 'PUT' && method !== 'POST') {
    throw new BadRequestError('method must be GET, PUT or POST');
  }
  if (!(contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new BadRequestError(
      'alternate request syntax needs an application/x-www-form-urlencoded body',
    );
  }
  const form = formOf(body);
  const fields = new Map<string, string>();
  const params: Record<string, string> = {};
  for (const [key, value] of form) {
    if (HEADER_FIELDS.has(key.toLowerCase())) fields.set(key.toLowerCase(), value);
    else if (key !== 'content') params[key] = value;
  }
  return {
    method,
    authorization: fields.get('authorization') ?? headers.authorization,
    version: fields.get('x-experience-api-version') ?? headers.version,
    params,
    content: method === 'GET' ? undefined : parseContent(form.get('content')),
  };
}

function parseContent(content: string | null): unknown {
  if (!content) throw new BadRequestError('alternate request syntax needs a content form field');
  try {
    return JSON.parse(content);
  } catch {
    throw new BadRequestError('the content form field is not JSON');
  }
}

export function isAlternateRequest(method: string, query: unknown): boolean {
  return method === 'POST' && typeof query === 'object' && query !== null && 'method' in query;
}

/** The form as sent: raw bytes, or the object Nest's form-body parser already made of them. */
function formOf(body: unknown): URLSearchParams {
  if (Buffer.isBuffer(body)) return new URLSearchParams(body.toString('utf8'));
  if (typeof body === 'string') return new URLSearchParams(body);
  if (typeof body === 'object' && body !== null) {
    const entries = Object.entries(body).flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map((v): [string, string] => [key, String(v)]),
    );
    return new URLSearchParams(entries);
  }
  return new URLSearchParams();
}
