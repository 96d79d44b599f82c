import { AwardingBody } from '@lr/catalogue';
import { ClaimDocument } from '../claims/claim.document';

export interface OutgoingRequest {
  /** Appended to the body's configured base URL. */
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** How one awarding body wants registrations and certificate claims shaped. */
export interface AwardingBodyAdapter {
  readonly body: AwardingBody;
  toRequest(claim: ClaimDocument): OutgoingRequest;
}

export const AWARDING_BODY_ADAPTERS = Symbol('AWARDING_BODY_ADAPTERS');
