import { AttachmentPart, parseMultipartMixed } from '@lr/xapi';
import { BadRequestError } from '../common/domain-errors';

export interface StatementBody {
  readonly statements: readonly unknown[];
  readonly parts: readonly AttachmentPart[];
  readonly isBatch: boolean;
}

/**
 * A statement request body: JSON, or multipart/mixed with the statements first and their
 * attachments after (xAPI 1.0.3 §1.5.2, 2.0 §4.1.3). Other media types are refused.
 */
export function readStatementBody(contentType: string | undefined, body: unknown): StatementBody {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/mixed') {
    if (!Buffer.isBuffer(body)) throw new BadRequestError('multipart/mixed body could not be read');
    const parsed = parseMultipartMixed(contentType!, body);
    if (!parsed.ok) throw new BadRequestError(parsed.message);
    return fromJson(parsed.statementsJson, parsed.parts);
  }
  if (type === 'application/json' || type === '') return fromJson(body, []);
  throw new BadRequestError(
    `Content-Type ${type} is not accepted; use application/json or multipart/mixed`,
  );
}

function fromJson(json: unknown, parts: readonly AttachmentPart[]): StatementBody {
  if (json === undefined || json === null)
    throw new BadRequestError('the request has no statements');
  const isBatch = Array.isArray(json);
  return { statements: isBatch ? json : [json], parts, isBatch };
}
