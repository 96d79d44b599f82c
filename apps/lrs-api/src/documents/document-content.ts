import { isJsonObject } from '@lr/xapi';
import { createHash } from 'node:crypto';
import { BadRequestError } from '../common/domain-errors';

export interface DocumentContent {
  readonly contentType: string;
  readonly data: Buffer;
  /** Parsed when the content type is JSON and the bytes are a JSON object. */
  readonly json: Record<string, unknown> | null;
}

/**
 * A document body as received: JSON (already parsed by the HTTP layer, serialised again here)
 * or any other media type as raw bytes. Pure.
 */
export function documentContent(contentType: string | undefined, body: unknown): DocumentContent {
  const type = contentType?.trim() || 'application/octet-stream';
  const isJson = type.toLowerCase().startsWith('application/json');
  if (Buffer.isBuffer(body))
    return { contentType: type, data: body, json: isJson ? parseObject(body) : null };
  if (body === undefined || body === null)
    return { contentType: type, data: Buffer.alloc(0), json: null };
  const data = Buffer.from(JSON.stringify(body));
  return { contentType: type, data, json: isJsonObject(body) ? body : null };
}

/** POST merges JSON objects, top-level keys of the new one winning (xAPI 1.0.3 §2.2.s8). */
export function mergeJson(existing: DocumentContent, incoming: DocumentContent): DocumentContent {
  if (!existing.json || !incoming.json) {
    throw new BadRequestError('POST can only merge a JSON object into a JSON object document');
  }
  const merged = { ...existing.json, ...incoming.json };
  return {
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(merged)),
    json: merged,
  };
}

/** A quoted SHA-1 of the bytes: what both 1.0.3 and 2.0 expect of a document ETag. */
export function etagOf(data: Buffer): string {
  return `"${createHash('sha1').update(data).digest('hex')}"`;
}

function parseObject(data: Buffer): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(data.toString('utf8'));
    return isJsonObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
