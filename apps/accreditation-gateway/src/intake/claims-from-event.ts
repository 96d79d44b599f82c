import { LEARNER_REGISTERED, QUALIFICATION_ACHIEVED } from '@lr/learning';
import { ClaimDocument } from '../claims/claim.document';
import { certificateClaimId, registrationClaimId } from '../claims/claim-ids';

type Event = Readonly<Record<string, unknown>>;

/**
 * The claims a learning event calls for: a registration with the awarding body when a learner
 * registers, and a certificate claim (after that registration) when they achieve. An achievement
 * also records the registration, so a lost or late registered event cannot block the claim.
 */
export function claimsFromEvent(event: Event, now: Date): ClaimDocument[] {
  const type = event.type;
  if (type !== LEARNER_REGISTERED && type !== QUALIFICATION_ACHIEVED) return [];
  const qualification = event.qualification as {
    code: string;
    awardingBody: 'city-and-guilds' | 'cmi';
    awardingBodyRef: string;
  };
  const learner = (event.learner ?? {}) as { name?: unknown; mbox?: unknown };
  const learnerKey = String(event.learnerKey);
  const department = (event.profile as { department?: unknown } | undefined)?.department;
  const base = {
    body: qualification.awardingBody,
    storeId: String(event.storeId),
    learnerKey,
    qualification: qualification.code,
    ...(typeof department === 'string' ? { department } : {}),
    status: 'pending' as const,
    attempts: [],
    nextAttemptAt: now.toISOString(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const person = {
    learnerName: typeof learner.name === 'string' ? learner.name : null,
    learnerEmail: typeof learner.mbox === 'string' ? learner.mbox.replace(/^mailto:/, '') : null,
    awardingBodyRef: qualification.awardingBodyRef,
  };
  const registrationId = registrationClaimId(learnerKey, qualification.code);
  const registration: ClaimDocument = {
    ...base,
    _id: registrationId,
    kind: 'registration',
    payload: { ...person, registeredAt: event.registeredAt ?? null },
  };
  if (type === LEARNER_REGISTERED) return [registration];
  const certificate: ClaimDocument = {
    ...base,
    _id: certificateClaimId(learnerKey, qualification.code),
    kind: 'certificate',
    after: registrationId,
    payload: {
      ...person,
      registeredAt: event.registeredAt ?? null,
      achievedAt: event.achievedAt,
      units: event.units,
      credits: event.credits,
    },
  };
  return [registration, certificate];
}
