import { Catalogue } from '@lr/catalogue';
import {
  claimIdOf,
  ClaimOutcome,
  LearnerDocument,
  QualificationProgress,
  registrationClaimIdOf,
} from '@lr/learning';

/** The API's view of a learner: never the storage document itself. */
export interface LearnerProgressDto {
  readonly learnerKey: string;
  readonly learner: Readonly<Record<string, unknown>>;
  readonly department: string | null;
  readonly grade: string | null;
  readonly jobFamily: string | null;
  readonly qualifications: readonly QualificationProgressDto[];
  /** Evidence against the core ODP skills, from completed units. */
  readonly skills: readonly { skill: string; level: string; units: readonly string[] }[];
  readonly updatedAt: string;
}

export interface QualificationProgressDto {
  readonly code: string;
  readonly title: string;
  readonly level: number;
  readonly awardingBody: string;
  readonly status: string;
  readonly registeredAt: string | null;
  readonly percentComplete: number;
  readonly units: readonly {
    readonly code: string;
    readonly title: string;
    readonly status: string;
    readonly activitiesFinished: number;
    readonly activitiesTotal: number;
    readonly attempts: number;
    readonly firstAttemptPassed: boolean | null;
    readonly completedAt: string | null;
  }[];
  readonly assessment: {
    readonly attempts: number;
    readonly firstAttemptAt: string | null;
    readonly passedFirstTime: boolean;
    readonly passedAllAttempted: boolean;
  };
  readonly achievedAt: string | null;
  /** The certificate claim's state at the awarding body, from the accreditation gateway. */
  readonly certification: { readonly status: string; readonly certificateNumber: string | null };
  /** The gateway's claims with the awarding body as they stand (pending … acknowledged), or null. */
  readonly accreditationClaims: {
    readonly registration: string | null;
    readonly certificate: string | null;
  };
}

export interface LearnerSummaryDto {
  readonly learnerKey: string;
  /** The xAPI Agent, to ask for this learner's progress. */
  readonly learner: Readonly<Record<string, unknown>>;
  readonly name: string | null;
  readonly department: string | null;
  readonly grade: string | null;
  readonly qualifications: readonly { code: string; status: string; percentComplete: number }[];
}

export function toLearnerProgressDto(
  doc: LearnerDocument,
  catalogue: Catalogue,
  claims: ReadonlyMap<string, ClaimOutcome> = new Map(),
): LearnerProgressDto {
  return {
    learnerKey: doc._id,
    learner: doc.agent,
    department: doc.profile?.department ?? null,
    grade: doc.profile?.grade ?? null,
    jobFamily: doc.profile?.jobFamily ?? null,
    qualifications: doc.qualifications.map((progress) =>
      toQualificationDto(progress, catalogue, {
        registration: claims.get(registrationClaimIdOf(doc._id, progress.qualification)),
        certificate: claims.get(claimIdOf(doc._id, progress.qualification)),
      }),
    ),
    skills: (doc.skills ?? []).map((entry) => ({ ...entry, units: [...entry.units] })),
    updatedAt: doc.updatedAt,
  };
}

export function toLearnerSummaryDto(doc: LearnerDocument): LearnerSummaryDto {
  return {
    learnerKey: doc._id,
    learner: doc.agent,
    name: typeof doc.agent.name === 'string' ? doc.agent.name : null,
    department: doc.profile?.department ?? null,
    grade: doc.profile?.grade ?? null,
    qualifications: doc.qualifications.map((q) => ({
      code: q.qualification,
      status: q.status,
      percentComplete: q.percentComplete,
    })),
  };
}

function toQualificationDto(
  p: QualificationProgress,
  catalogue: Catalogue,
  claims: { registration?: ClaimOutcome | undefined; certificate?: ClaimOutcome | undefined },
): QualificationProgressDto {
  const claim = claims.certificate;
  const q = catalogue.qualification(p.qualification);
  const titleOf = (code: string) => q?.units.find((unit) => unit.code === code)?.title ?? code;
  return {
    code: p.qualification,
    title: q?.title ?? p.qualification,
    level: p.level,
    awardingBody: q?.awardingBody ?? 'unknown',
    status: p.status,
    registeredAt: p.registeredAt ?? null,
    percentComplete: p.percentComplete,
    units: p.units.map((unit) => ({
      code: unit.code,
      title: titleOf(unit.code),
      status: unit.status,
      activitiesFinished: unit.activitiesFinished,
      activitiesTotal: unit.activitiesTotal,
      attempts: unit.attempts.length,
      firstAttemptPassed: unit.firstAttemptPassed ?? null,
      completedAt: unit.completedAt ?? null,
    })),
    assessment: {
      attempts: p.attemptCount,
      firstAttemptAt: p.firstAttemptAt ?? null,
      passedFirstTime: p.passedFirstTime,
      passedAllAttempted: p.passedAllAttempted,
    },
    achievedAt: p.achievedAt ?? null,
    certification: {
      status: claim ? certificationStatus(claim.status) : 'not-claimed',
      certificateNumber: claim?.certificateNumber ?? null,
    },
    accreditationClaims: {
      registration: claims.registration?.status ?? null,
      certificate: claim?.status ?? null,
    },
  };
}

/** Claim states as learners and managers read them. */
function certificationStatus(status: string): string {
  return status === 'acknowledged'
    ? 'certificated'
    : status === 'sent' || status === 'pending'
      ? 'claimed'
      : status;
}
