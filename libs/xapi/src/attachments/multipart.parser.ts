import { TextDecoder } from 'node:util';
import { AttachmentPart } from './attachment-part';
import { AttachmentResult, rejected } from './attachment-result';
import { essenceOf, parseMediaType } from './media-type.parser';
import { splitMultipartBody } from './multipart-body.splitter';
import { BodyPart, parseBodyPart } from './part-headers.parser';
import { isSha2Hex, sha2Matches } from './sha2.digest';

export interface MultipartRequest {
  /** The first part, parsed: a statement or an array of them, not yet validated. */
  readonly statementsJson: unknown;
  readonly parts: AttachmentPart[];
}

const HASH_HEADER = 'x-experience-api-hash';
/** RFC 2045's default for a part without a Content-Type. */
const DEFAULT_CONTENT_TYPE = 'text/plain; charset=us-ascii';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A statement request in the xAPI multipart/mixed format (Communication 1.5.2): the statements
 * as JSON in the first part, then one part per attachment's data, each carrying the hash that
 * ties it to attachments. Checks only the transmission format; matching parts to attachments
 * is matchAttachments' job, once the statements have been validated.
 */
export function parseMultipartMixed(
  contentTypeHeader: string,
  body: Buffer,
): AttachmentResult<MultipartRequest> {
  const boundary = boundaryOf(contentTypeHeader);
  if (!boundary.ok) return boundary;
  const split = splitMultipartBody(body, boundary.boundary);
  if (!split.ok) return split;
  const [first, ...rest] = split.parts;
  if (first === undefined) return rejected('the body has no parts');
  const statements = statementsPart(first);
  if (!statements.ok) return statements;
  const parts: AttachmentPart[] = [];
  for (const [i, raw] of rest.entries()) {
    const part = attachmentPart(raw, `part ${i + 2}`);
    if (!part.ok) return part;
    parts.push(part.part);
  }
  return { ok: true, statementsJson: statements.json, parts };
}

function boundaryOf(header: string): AttachmentResult<{ boundary: string }> {
  const mediaType = parseMediaType(header);
  if (mediaType === null) return rejected('the Content-Type header is malformed');
  if (mediaType.essence !== 'multipart/mixed') {
    return rejected(`the Content-Type must be multipart/mixed, not ${mediaType.essence}`);
  }
  const boundary = mediaType.params.get('boundary');
  if (boundary === undefined || boundary === '') {
    return rejected('the multipart/mixed Content-Type has no boundary parameter');
  }
  return { ok: true, boundary };
}

function statementsPart(raw: Buffer): AttachmentResult<{ json: unknown }> {
  const parsed = parseBodyPart(raw, 'the first part');
  if (!parsed.ok) return parsed;
  const contentType = parsed.part.headers.get('content-type');
  if (contentType === undefined || essenceOf(contentType) !== 'application/json') {
    return rejected(
      `the first part must have Content-Type application/json (the statements), not ${contentType ?? 'none'}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(parsed.part.content));
  } catch {
    return rejected('the first part is not valid JSON');
  }
  if (typeof json !== 'object' || json === null) {
    return rejected('the first part must hold a statement or an array of statements');
  }
  return { ok: true, json };
}

function attachmentPart(raw: Buffer, label: string): AttachmentResult<{ part: AttachmentPart }> {
  const parsed = parseBodyPart(raw, label);
  if (!parsed.ok) return parsed;
  const { headers, content } = parsed.part;
  const hash = headers.get(HASH_HEADER);
  if (hash === undefined) return rejected(missingHash(label, parsed.part));
  if (!isSha2Hex(hash))
    return rejected(`${label} has an X-Experience-API-Hash that is not SHA-2 hex`);
  // Communication 1.5.2: the LRS SHOULD assume binary when the header is absent.
  const encoding = headers.get('content-transfer-encoding');
  if (encoding !== undefined && encoding.toLowerCase() !== 'binary') {
    return rejected(`${label} has Content-Transfer-Encoding ${encoding}; only binary is allowed`);
  }
  if (!sha2Matches(hash, content)) {
    return rejected(`${label}'s X-Experience-API-Hash ${hash} is not the hash of its data`);
  }
  const contentType = headers.get('content-type') ?? DEFAULT_CONTENT_TYPE;
  return { ok: true, part: { sha2: hash.toLowerCase(), contentType, data: content } };
}

/** A hashless JSON part is most likely statements split over two parts (XAPI-00133): say so. */
function missingHash(label: string, part: BodyPart): string {
  const contentType = part.headers.get('content-type');
  return contentType !== undefined && essenceOf(contentType) === 'application/json'
    ? `${label} is a second application/json part: all statements must be in the first part`
    : `${label} has no X-Experience-API-Hash header`;
}
