/** Where the accreditation gateway keeps its claims; the reporting API reads their outcome. */
export const ACCREDITATION_CLAIMS_COLLECTION = 'accreditation_claims';

/** What the reporting API reads of a claim. */
export interface ClaimOutcome {
  readonly _id: string;
  readonly status: string;
  readonly certificateNumber?: string;
}
