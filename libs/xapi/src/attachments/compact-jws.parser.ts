import { TextDecoder } from 'node:util';
import { JsonObject, isJsonObject } from '../validation/json-value.guard';
import { AttachmentResult, rejected } from './attachment-result';

export interface CompactJws {
  readonly header: JsonObject;
  readonly payload: JsonObject;
  /** The bytes the signature covers: "header.payload" exactly as sent. */
  readonly signingInput: Buffer;
  readonly signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * RFC 7515 §7.1 compact serialization, the one the spec says to use: three base64url
 * segments. The header must be a JSON object and, for a signed statement, so must the payload
 * (Data 2.6: "a valid JSON serialization of the complete Statement"). Surrounding whitespace
 * is trimmed because a client may end the part with a newline.
 */
export function parseCompactJws(data: Buffer): AttachmentResult<{ jws: CompactJws }> {
  const text = data.toString('latin1').trim();
  const segments = text.split('.');
  if (segments.length !== 3 || !segments.every((s) => BASE64URL.test(s))) {
    return rejected('the signature is not a JWS in compact serialization');
  }
  const [header, payload, signature] = segments as [string, string, string];
  const headerJson = decodeJson(header);
  if (!isJsonObject(headerJson)) return rejected('the JWS header is not a JSON object');
  const payloadJson = decodeJson(payload);
  if (!isJsonObject(payloadJson)) return rejected('the JWS payload is not a JSON statement');
  return {
    ok: true,
    jws: {
      header: headerJson,
      payload: payloadJson,
      signingInput: Buffer.from(`${header}.${payload}`, 'latin1'),
      signature: Buffer.from(signature, 'base64url'),
    },
  };
}

/** undefined when the segment is not UTF-8 JSON. */
function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(utf8.decode(Buffer.from(segment, 'base64url'))) as unknown;
  } catch {
    return undefined;
  }
}
