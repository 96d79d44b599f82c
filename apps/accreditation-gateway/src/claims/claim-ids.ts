import { createHash } from 'node:crypto';
import { claimIdOf } from '@lr/learning';

/** The certificate claim's id is the one on the qualification-achieved event. */
export const certificateClaimId = claimIdOf;

/** One registration with the awarding body per learner and qualification. */
export function registrationClaimId(learnerKey: string, qualification: string): string {
  const hex = createHash('sha1')
    .update(`registration|${learnerKey}|${qualification}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
