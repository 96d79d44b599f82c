import { JsonObject } from '../validation/json-value.guard';
import { AttachmentPart } from './attachment-part';
import { ACCEPTED, AttachmentResult, rejected } from './attachment-result';
import { attachmentsOf, sha2Of } from './statement-attachments.util';

/**
 * Ties attachment data to attachments by hash, the only way the spec allows (Communication
 * 1.5.2): every attachment without a fileUrl needs a part (XAPI-00129), and every part must be
 * some attachment's data (XAPI-00128). One part may serve several attachments. `length` is not
 * compared with the data: the suite declares a length that differs from what it sends.
 */
export function matchAttachments(
  statements: readonly JsonObject[],
  parts: readonly AttachmentPart[],
): AttachmentResult {
  const sent = new Set(parts.map((part) => part.sha2.toLowerCase()));
  const declared = new Set<string>();
  for (const statement of statements) {
    for (const attachment of attachmentsOf(statement)) {
      const sha2 = sha2Of(attachment);
      if (sha2 === null) continue;
      declared.add(sha2);
      if (typeof attachment.fileUrl !== 'string' && !sent.has(sha2)) {
        return rejected(
          `the attachment with sha2 ${sha2} has no fileUrl and no part holds its data`,
        );
      }
    }
  }
  for (const part of parts) {
    if (!declared.has(part.sha2.toLowerCase())) {
      return rejected(`the part with X-Experience-API-Hash ${part.sha2} is no attachment's data`);
    }
  }
  return ACCEPTED;
}
