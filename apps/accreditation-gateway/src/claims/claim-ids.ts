import { claimIdOf, registrationClaimIdOf } from '@lr/learning';

/** The certificate claim's id is the one on the qualification-achieved event. */
export const certificateClaimId = claimIdOf;

/** One registration with the awarding body per learner and qualification. */
export const registrationClaimId = registrationClaimIdOf;
