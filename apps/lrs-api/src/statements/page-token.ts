import { BadRequestError } from '../common/domain-errors';
import { PageCursor, StatementQuery } from './statement-query';

type ListQuery = Extract<StatementQuery, { kind: 'list' }>;

/**
 * The `more` link carries the whole query plus where the last page ended, so it stays valid
 * while new statements arrive: the first page fixes `until`, and the cursor is (stored, id).
 * Opaque to clients; base64url JSON, with its store so it cannot be replayed elsewhere.
 */
export function encodePageToken(storeId: string, query: ListQuery, after: PageCursor): string {
  return Buffer.from(JSON.stringify({ s: storeId, q: { ...query, after } })).toString('base64url');
}

export function decodePageToken(storeId: string, token: string): ListQuery {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      s?: unknown;
      q?: ListQuery;
    };
    if (parsed.s !== storeId || parsed.q?.kind !== 'list') throw new Error('wrong store');
    return parsed.q;
  } catch {
    throw new BadRequestError('the more token is not valid');
  }
}
