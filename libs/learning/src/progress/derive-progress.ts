import { Catalogue, Qualification, Unit } from '@lr/catalogue';
import {
  ActivityFact,
  AssessmentFact,
  compareFacts,
  LearnerProfile,
  LearningFact,
  RegisteredFact,
} from '../facts/learning-fact';
import { QualificationProgress, UnitProgress } from './qualification-progress';

/**
 * Derives every qualification's progress from a learner's facts. Facts are sorted first, so the
 * result depends only on which facts there are, never on the order they arrived in.
 */
export function deriveProgress(
  facts: readonly LearningFact[],
  catalogue: Catalogue,
): QualificationProgress[] {
  const sorted = [...facts].sort(compareFacts);
  const codes = [...new Set(sorted.map((fact) => fact.qualification))].sort();
  return codes.flatMap((code) => {
    const qualification = catalogue.qualification(code);
    if (!qualification) return [];
    return [
      progressOf(
        qualification,
        sorted.filter((fact) => fact.qualification === code),
      ),
    ];
  });
}

/** The profile on the latest registration that carries one, whatever the qualification. */
export function deriveProfile(facts: readonly LearningFact[]): LearnerProfile | undefined {
  const withProfile = facts
    .filter((fact): fact is RegisteredFact => fact.kind === 'registered' && !!fact.profile)
    .sort(compareFacts);
  return withProfile.at(-1)?.profile;
}

function progressOf(q: Qualification, facts: readonly LearningFact[]): QualificationProgress {
  const registration = facts.find((fact): fact is RegisteredFact => fact.kind === 'registered');
  const units = q.units.map((unit) => unitProgressOf(unit, facts));
  const attempted = units.filter((unit) => unit.attempts.length > 0);
  const firstAttemptAt = attempted.map((unit) => unit.attempts[0]!.at).sort()[0];
  const achievedAt = achievedAtOf(q, units);
  return {
    qualification: q.code,
    level: q.level,
    status: statusOf(registration, units, achievedAt),
    ...(registration ? { registeredAt: registration.at } : {}),
    ...(registration?.registration ? { registration: registration.registration } : {}),
    units,
    percentComplete: percentOf(q, units, achievedAt),
    attemptCount: attempted.reduce((sum, unit) => sum + unit.attempts.length, 0),
    ...(firstAttemptAt ? { firstAttemptAt } : {}),
    passedFirstTime: attempted.length > 0 && attempted.every((unit) => unit.firstAttemptPassed),
    passedAllAttempted: attempted.length > 0 && attempted.every((unit) => unit.completedAt),
    ...(achievedAt ? { achievedAt } : {}),
  };
}

function unitProgressOf(unit: Unit, facts: readonly LearningFact[]): UnitProgress {
  const activities = facts.filter(
    (fact): fact is ActivityFact => fact.kind === 'activity' && fact.unit === unit.code,
  );
  const attempts = facts
    .filter((fact): fact is AssessmentFact => fact.kind === 'assessment' && fact.unit === unit.code)
    .map((fact) => ({
      statementId: fact.id,
      at: fact.at,
      success: fact.success,
      ...(fact.scaled === undefined ? {} : { scaled: fact.scaled }),
    }));
  const finished = new Set(activities.filter((a) => a.finished).map((a) => a.activity));
  const completedAt = attempts.find((attempt) => attempt.success)?.at;
  const started = activities.length > 0 || attempts.length > 0;
  return {
    code: unit.code,
    status: completedAt ? 'completed' : started ? 'in-progress' : 'not-started',
    activitiesFinished: finished.size,
    activitiesTotal: unit.activities.length,
    attempts,
    ...(attempts[0] ? { firstAttemptPassed: attempts[0].success } : {}),
    ...(completedAt ? { completedAt } : {}),
  };
}

/**
 * When the rules were first met: the last mandatory unit's completion, and for each optional
 * group the completion of its minUnits-th unit.
 */
function achievedAtOf(q: Qualification, units: readonly UnitProgress[]): string | undefined {
  const completedAt = new Map(units.map((unit) => [unit.code, unit.completedAt]));
  const moments: (string | undefined)[] = q.mandatoryUnits.map((code) => completedAt.get(code));
  for (const group of q.optionalGroups) {
    const done = group.units
      .map((code) => completedAt.get(code))
      .filter((at): at is string => !!at)
      .sort();
    moments.push(done.length >= group.minUnits ? (done[group.minUnits - 1] ?? '') : undefined);
  }
  if (moments.some((at) => at === undefined)) return undefined;
  return (moments as string[]).sort().at(-1);
}

function statusOf(
  registration: RegisteredFact | undefined,
  units: readonly UnitProgress[],
  achievedAt: string | undefined,
): QualificationProgress['status'] {
  if (!registration) return 'not-registered';
  if (achievedAt) return 'achieved';
  return units.some((unit) => unit.status !== 'not-started') ? 'in-progress' : 'registered';
}

/** Credits of completed units toward the minimum; 100 only once the rules are met. */
function percentOf(
  q: Qualification,
  units: readonly UnitProgress[],
  achievedAt: string | undefined,
): number {
  if (achievedAt) return 100;
  const credits = new Map(q.units.map((unit) => [unit.code, unit.credits]));
  const done = units
    .filter((unit) => unit.status === 'completed')
    .reduce((sum, unit) => sum + (credits.get(unit.code) ?? 0), 0);
  return Math.min(99, Math.floor((100 * done) / Math.max(1, q.minimumCredits)));
}
