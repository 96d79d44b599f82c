import { Catalogue } from '@lr/catalogue';
import { LearnerDocument, QualificationProgress } from '@lr/learning';

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
  /** Filled by the accreditation gateway once it exists; until then not claimed. */
  readonly certification: { readonly status: string };
}

export interface LearnerSummaryDto {
  readonly learnerKey: string;
  readonly name: string | null;
  readonly department: string | null;
  readonly grade: string | null;
  readonly qualifications: readonly { code: string; status: string; percentComplete: number }[];
}

export function toLearnerProgressDto(
  doc: LearnerDocument,
  catalogue: Catalogue,
): LearnerProgressDto {
  return {
    learnerKey: doc._id,
    learner: doc.agent,
    department: doc.profile?.department ?? null,
    grade: doc.profile?.grade ?? null,
    jobFamily: doc.profile?.jobFamily ?? null,
    qualifications: doc.qualifications.map((progress) => toQualificationDto(progress, catalogue)),
    skills: (doc.skills ?? []).map((entry) => ({ ...entry, units: [...entry.units] })),
    updatedAt: doc.updatedAt,
  };
}

export function toLearnerSummaryDto(doc: LearnerDocument): LearnerSummaryDto {
  return {
    learnerKey: doc._id,
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
): QualificationProgressDto {
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
    certification: { status: 'not-claimed' },
  };
}
