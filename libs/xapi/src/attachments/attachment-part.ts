/**
 * One attachment's raw data from a multipart/mixed request. The spec allows matching data to
 * attachments by hash only, so the hash is its identity.
 */
export interface AttachmentPart {
  /** Lower-case hex, already checked against `data`. */
  readonly sha2: string;
  /** The part's Content-Type header as sent. */
  readonly contentType: string;
  /** A view into the request body, not a copy. */
  readonly data: Buffer;
}
