import { AwardingBody } from '@lr/catalogue';

export type ClaimKind = 'registration' | 'certificate';
export type ClaimStatus = 'pending' | 'sent' | 'acknowledged' | 'rejected' | 'dead';

export interface ClaimAttempt {
  readonly at: string;
  readonly outcome: 'acknowledged' | 'accepted' | 'rejected' | 'retry' | 'dead';
  readonly httpStatus: number | null;
  readonly detail: string;
  readonly ms: number;
}

/**
 * One message to an awarding body, recorded before it is first sent. Its id is the
 * Idempotency-Key: the same learner and qualification always give the same id, so however often
 * an event is redelivered or a claim replayed, the body sees one claim in effect.
 */
export interface ClaimDocument {
  readonly _id: string;
  readonly kind: ClaimKind;
  readonly body: AwardingBody;
  readonly storeId: string;
  readonly learnerKey: string;
  readonly qualification: string;
  /** The learner's department when the event named one: department admins' claim figures. */
  readonly department?: string;
  /** The claim id of the registration a certificate claim waits for. */
  readonly after?: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly status: ClaimStatus;
  readonly attempts: readonly ClaimAttempt[];
  /** Attempts made before the last re-drive: the retry budget counts from there. */
  readonly attemptsBase?: number;
  /** Certificate follow-ups done: the certificate-issued event and the LRS statement. */
  readonly announced?: boolean;
  readonly nextAttemptAt: string;
  readonly leaseUntil?: string;
  readonly certificateNumber?: string;
  readonly reason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export { ACCREDITATION_CLAIMS_COLLECTION as CLAIMS_COLLECTION } from '@lr/learning';
