export type { AttachmentPart } from './attachment-part';
export type { AttachmentResult, AttachmentRejection } from './attachment-result';
export { parseMultipartMixed } from './multipart.parser';
export type { MultipartRequest } from './multipart.parser';
export { matchAttachments } from './attachment.matcher';
export { verifySignedStatements, SIGNATURE_USAGE_TYPE } from './signed-statement.verifier';
export { buildMultipartResponse } from './multipart.builder';
export type { AttachmentData, MultipartResponse } from './multipart.builder';
export { attachmentHashesOf } from './statement-attachments.util';
