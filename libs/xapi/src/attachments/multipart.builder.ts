import { randomBytes } from 'node:crypto';
import { AttachmentPart } from './attachment-part';

export interface MultipartResponse {
  readonly contentType: string;
  readonly body: Buffer;
}

/** Attachment data to send back; the same shape the request parser produces. */
export type AttachmentData = Pick<AttachmentPart, 'sha2' | 'contentType' | 'data'>;

const CRLF = '\r\n';

/**
 * A GET /statements?attachments=true response (Communication 1.5.2): the JSON first, then each
 * distinct attachment once. The layout is exact because the suite parses it by hand: the
 * Content-Type written as `multipart/mixed; boundary=<b>`, headers right after the boundary
 * line, one CRLF after each part, no CRLF after the closing delimiter, and each hash appearing
 * only in its part's header besides the JSON. The boundary defaults to 192 random bits in
 * base64url, which the suite can use in a regex and which no content can contain by chance.
 */
export function buildMultipartResponse(
  json: unknown,
  attachments: readonly AttachmentData[],
  boundary: string = randomBytes(24).toString('base64url'),
): MultipartResponse {
  const chunks: Buffer[] = [
    ascii(`--${boundary}${CRLF}Content-Type: application/json${CRLF}${CRLF}`),
    Buffer.from(JSON.stringify(json) ?? 'null', 'utf8'),
    ascii(CRLF),
  ];
  for (const attachment of distinct(attachments)) {
    chunks.push(
      ascii(
        `--${boundary}${CRLF}` +
          `Content-Type: ${headerValue(attachment.contentType)}${CRLF}` +
          `Content-Transfer-Encoding: binary${CRLF}` +
          `X-Experience-API-Hash: ${headerValue(attachment.sha2)}${CRLF}${CRLF}`,
      ),
      attachment.data,
      ascii(CRLF),
    );
  }
  chunks.push(ascii(`--${boundary}--`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** First of each hash, compared case-insensitively as hex digests are. */
function distinct(attachments: readonly AttachmentData[]): AttachmentData[] {
  const seen = new Set<string>();
  return attachments.filter((a) => {
    const key = a.sha2.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Stored values came from clients: a line break in one must not start a new header. */
function headerValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

function ascii(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}
