import { JsonObject, isJsonObject } from '../validation/json-value.guard';
import { XapiVersion } from '../validation/xapi-version';
import { AttachmentPart } from './attachment-part';
import { ACCEPTED, AttachmentResult, rejected } from './attachment-result';
import { parseCompactJws } from './compact-jws.parser';
import { hashForAlgorithm, verifyWithX5c } from './jws-signature.verifier';
import { essenceOf } from './media-type.parser';
import { isSamePayloadStatement } from './signature-payload.comparator';
import { sha2Of } from './statement-attachments.util';

export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature';

/**
 * Data 2.6: a statement carrying a signature attachment must carry a well-formed one, or be
 * refused with 400. Only the statement's own attachments are looked at: a signature signs the
 * statement it is attached to, and the suite signs whole statements only. Without an x5c header
 * the signature itself is not checked, as the spec only requires checking against an included
 * certificate (and the suite signs with a key it never publishes).
 */
export function verifySignedStatements(
  statements: readonly JsonObject[],
  parts: readonly AttachmentPart[],
  version: XapiVersion,
): AttachmentResult {
  const partsByHash = new Map(parts.map((part) => [part.sha2.toLowerCase(), part]));
  for (const [i, statement] of statements.entries()) {
    for (const attachment of signatureAttachments(statement)) {
      const verdict = verifySignature(statement, attachment, partsByHash, version);
      if (!verdict.ok) return rejected(`statement ${i}: ${verdict.message}`);
    }
  }
  return ACCEPTED;
}

function signatureAttachments(statement: JsonObject): JsonObject[] {
  const attachments = statement.attachments;
  if (!Array.isArray(attachments)) return [];
  return attachments.filter(
    (a): a is JsonObject => isJsonObject(a) && a.usageType === SIGNATURE_USAGE_TYPE,
  );
}

function verifySignature(
  statement: JsonObject,
  attachment: JsonObject,
  partsByHash: ReadonlyMap<string, AttachmentPart>,
  version: XapiVersion,
): AttachmentResult {
  const { contentType } = attachment;
  if (typeof contentType !== 'string' || essenceOf(contentType) !== 'application/octet-stream') {
    return rejected('a signature attachment must have contentType application/octet-stream');
  }
  const sha2 = sha2Of(attachment);
  const part = sha2 === null ? undefined : partsByHash.get(sha2);
  if (part === undefined) return rejected('the signature attachment has no data in the request');
  const parsed = parseCompactJws(part.data);
  if (!parsed.ok) return parsed;
  const { jws } = parsed;
  const hash = hashForAlgorithm(jws.header.alg);
  if (hash === null) {
    return rejected(`the JWS alg ${JSON.stringify(jws.header.alg)} is not RS256, RS384 or RS512`);
  }
  // RFC 7515 §4.1.11: extensions the recipient does not understand make the JWS invalid.
  if (jws.header.crit !== undefined) return rejected('the JWS crit header is not supported');
  if (jws.header.x5c !== undefined) {
    const verified = verifyWithX5c(jws, hash);
    if (!verified.ok) return verified;
  }
  return isSamePayloadStatement(jws.payload, statement, version)
    ? ACCEPTED
    : rejected('the JWS payload is not the same statement as the one received');
}
