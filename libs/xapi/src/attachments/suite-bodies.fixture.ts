import { KeyObject, createHash, createHmac, sign } from 'node:crypto';
import { SIGNATURE_USAGE_TYPE } from './signed-statement.verifier';

/** Request bodies built the way the ADL conformance suite builds them, for the specs here. */

export const BOUNDARY = '-------314159265358979323846';
export const CRLF = '\r\n';
export const TEXT_1 = Buffer.from('here is a simple attachment', 'latin1');
export const TEXT_2 = Buffer.from('here is another simple attachment', 'latin1');

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The suite's statements.default template. */
export function defaultStatement(): Record<string, unknown> {
  return {
    actor: { objectType: 'Agent', name: 'xAPI mbox', mbox: 'mailto:xapi@adlnet.gov' },
    verb: {
      id: 'http://adlnet.gov/expapi/verbs/attended',
      display: { 'en-GB': 'attended', 'en-US': 'attended' },
    },
    object: { objectType: 'Activity', id: 'http://www.example.com/meetings/occurances/34534' },
  };
}

export function textAttachment(data: Buffer, changes: Record<string, unknown> = {}) {
  return {
    usageType: 'http://example.com/attachment-usage/test',
    display: { 'en-US': 'A test attachment' },
    contentType: 'text/plain',
    length: data.length,
    sha2: sha256Hex(data),
    ...changes,
  };
}

export interface PartSpec {
  readonly headers: readonly string[];
  readonly content: Buffer | string;
}

export function jsonPart(json: unknown, contentType = 'application/json'): PartSpec {
  return { headers: [`Content-Type: ${contentType}`], content: JSON.stringify(json) };
}

export function binaryPart(data: Buffer, hash = sha256Hex(data)): PartSpec {
  return {
    headers: [
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: binary',
      `X-Experience-API-Hash: ${hash}`,
    ],
    content: data,
  };
}

/** `--b CRLF headers CRLF CRLF content CRLF` per part, then `--b--` and the epilogue. */
export function multipartBody(
  parts: readonly PartSpec[],
  { preamble = '', epilogue = CRLF, boundary = BOUNDARY } = {},
): Buffer {
  const chunks: Buffer[] = [Buffer.from(preamble, 'latin1')];
  for (const part of parts) {
    const head = `--${boundary}${CRLF}${part.headers.map((h) => h + CRLF).join('')}${CRLF}`;
    chunks.push(Buffer.from(head, 'latin1'), Buffer.from(part.content), Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${epilogue}`, 'latin1'));
  return Buffer.concat(chunks);
}

/**
 * A compact JWS as the `jws` npm package makes it: an object payload is JSON-serialized, a
 * string payload is signed as is (which is how the suite breaks the JSON).
 */
export function compactJws(
  payload: unknown,
  alg: string,
  key: KeyObject | string,
  extraHeader: Record<string, unknown> = {},
): string {
  const header = b64url(JSON.stringify({ alg, ...extraHeader }));
  const body = b64url(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const input = `${header}.${body}`;
  const signature =
    alg === 'HS256'
      ? createHmac('sha256', key).update(input).digest()
      : sign(`sha${alg.slice(2)}`, Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}

export interface SignedBody {
  readonly statement: Record<string, unknown>;
  readonly body: Buffer;
  readonly boundary: string;
  readonly signature: Buffer;
}

/**
 * helper.signStatement: drop attachments, sign, add the signature attachment, then a body
 * with a leading CRLF, no space after header colons, and no CRLF after the closing delimiter.
 */
export function signedStatementBody(
  statement: Record<string, unknown>,
  jwsFor: (unsigned: Record<string, unknown>) => string,
  attachmentContentType = 'application/octet-stream',
): SignedBody {
  const { attachments: _dropped, ...unsigned } = statement;
  const signature = Buffer.from(jwsFor(unsigned));
  const signed = {
    ...unsigned,
    attachments: [
      {
        usageType: SIGNATURE_USAGE_TYPE,
        display: { 'en-US': 'Signed by the Test Suite' },
        description: { 'en-US': 'Signed by the Test Suite' },
        contentType: attachmentContentType,
        length: signature.byteLength,
        sha2: sha256Hex(signature),
      },
    ],
  };
  const boundary = '-------------__9b9d2b5e-5d6f-4a8e-9a0c-3f1f0a7c2e11__123__456';
  const body = multipartBody(
    [
      { headers: ['Content-Type:application/json'], content: JSON.stringify(signed) },
      {
        headers: [
          `Content-Type:${attachmentContentType}`,
          'Content-Transfer-Encoding:binary',
          `X-Experience-API-Hash:${sha256Hex(signature)}`,
        ],
        content: signature,
      },
    ],
    { preamble: CRLF, epilogue: '', boundary },
  );
  return { statement: signed, body, boundary, signature };
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
