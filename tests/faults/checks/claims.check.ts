import { Db } from 'mongodb';
import { claimIdOf, LEARNER_REGISTERED, QUALIFICATION_ACHIEVED } from '@lr/learning';
import { registrationClaimId } from '../../../apps/accreditation-gateway/src/claims/claim-ids';
import { CLAIMS_COLLECTION } from '../../../apps/accreditation-gateway/src/claims/claim.document';

export interface ClaimFindings {
  readonly achievements: number;
  readonly expectedClaims: number;
  readonly acknowledged: number;
  /** Expected claims not acknowledged, or that never took effect at the awarding body. */
  readonly lost: number;
  /** Claims or effects the events do not call for (a second claim for one achievement). */
  readonly duplicated: number;
  /** Certificates issued by the bodies beyond one per achievement. */
  readonly extraCertificates: number;
  readonly examples: string[];
}

interface LearningEventPayload {
  readonly type: string;
  readonly learnerKey: string;
  readonly claimId?: string;
  readonly qualification: { readonly code: string };
}

/**
 * Every qualification-achieved event calls for exactly one certificate claim (and its learner's
 * registration), every learner-registered event for one registration: each must exist once,
 * be acknowledged, and have taken effect once at the awarding body, and nothing else may have.
 */
export async function checkClaims(
  db: Db,
  events: readonly unknown[],
  effects: Readonly<Record<string, number>>,
  certificatesIssued: number,
): Promise<ClaimFindings> {
  const expected = new Set<string>();
  const achieved = new Set<string>();
  const examples: string[] = [];
  for (const event of events as LearningEventPayload[]) {
    if (event.type !== LEARNER_REGISTERED && event.type !== QUALIFICATION_ACHIEVED) continue;
    expected.add(registrationClaimId(event.learnerKey, event.qualification.code));
    if (event.type !== QUALIFICATION_ACHIEVED) continue;
    const claimId = claimIdOf(event.learnerKey, event.qualification.code);
    if (event.claimId !== claimId) examples.push(`event claim id ${event.claimId} ≠ ${claimId}`);
    expected.add(claimId);
    achieved.add(claimId);
  }
  const claims = await db
    .collection<{ _id: string; status: string }>(CLAIMS_COLLECTION)
    .find({}, { projection: { status: 1 } })
    .toArray();
  const status = new Map(claims.map((c) => [c._id, c.status]));
  const lost = [...expected].filter((id) => status.get(id) !== 'acknowledged' || !(id in effects));
  const duplicated = [
    ...claims.map((c) => c._id).filter((id) => !expected.has(id)),
    ...Object.keys(effects).filter((key) => !expected.has(key)),
  ];
  examples.push(
    ...lost.slice(0, 3).map((id) => `lost ${id} (${status.get(id) ?? 'no claim'})`),
    ...duplicated.slice(0, 3).map((id) => `unexpected ${id}`),
  );
  return {
    achievements: achieved.size,
    expectedClaims: expected.size,
    acknowledged: claims.filter((c) => c.status === 'acknowledged').length,
    lost: lost.length,
    duplicated: new Set(duplicated).size,
    extraCertificates: Math.max(0, certificatesIssued - achieved.size),
    examples,
  };
}
