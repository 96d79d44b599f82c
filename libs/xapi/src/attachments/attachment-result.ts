/**
 * How every check in this folder reports a request it refuses: a message naming the problem,
 * for the HTTP layer to send with a 400. Returned rather than thrown, so that the type makes
 * callers handle it and a batch can be refused before anything is stored.
 */
export type AttachmentResult<T extends object = object> =
  ({ readonly ok: true } & T) | AttachmentRejection;

export interface AttachmentRejection {
  readonly ok: false;
  readonly message: string;
}

export const ACCEPTED = { ok: true } as const;

export function rejected(message: string): AttachmentRejection {
  return { ok: false, message };
}
