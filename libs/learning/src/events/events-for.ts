import { Catalogue, Qualification } from '@lr/catalogue';
import { createHash } from 'node:crypto';
import { LearnerDocument } from '../documents/learner.document';
import { QualificationProgress } from '../progress/qualification-progress';
import { AssessmentAttemptedEvent } from './assessment-attempted.event';
import { LearnerRegisteredEvent } from './learner-registered.event';
import { LearningEvent } from './learning-event';
import { LearningEventBase, QualificationRef } from './learning-event.base';
import { QualificationAchievedEvent } from './qualification-achieved.event';
import { UnitCompletedEvent } from './unit-completed.event';

export interface NewEvents {
  readonly events: LearningEvent[];
  readonly emitted: string[];
}

/**
 * The events a learner's new state calls for that were never emitted before. A key once emitted
 * stays emitted, so a retraction followed by the same fact again does not repeat an event.
 */
export function eventsFor(learner: LearnerDocument, catalogue: Catalogue): NewEvents {
  const emitted = new Set(learner.emitted);
  const events: LearningEvent[] = [];
  for (const progress of learner.qualifications) {
    const qualification = catalogue.qualification(progress.qualification);
    if (!qualification || !progress.registeredAt) continue;
    const ref = refOf(qualification);
    emitProgressEvents(progress, qualification, (key, make, at) => {
      if (emitted.has(key)) return;
      emitted.add(key);
      events.push(make({ ...baseOf(learner, key, at), qualification: ref }));
    });
  }
  return { events, emitted: [...emitted] };
}

type Emit = (key: string, make: (base: LearningEventBase) => LearningEvent, at: string) => void;

function emitProgressEvents(p: QualificationProgress, q: Qualification, emit: Emit): void {
  emit(
    `registered:${q.code}`,
    (base) => new LearnerRegisteredEvent(base, p.registeredAt!, p.registration),
    p.registeredAt!,
  );
  for (const unit of p.units) {
    const definition = q.units.find((u) => u.code === unit.code)!;
    unit.attempts.forEach((attempt, index) =>
      emit(
        `attempt:${attempt.statementId}`,
        (base) =>
          new AssessmentAttemptedEvent(
            base,
            unit.code,
            attempt.statementId,
            attempt.success,
            attempt.scaled,
            index + 1,
          ),
        attempt.at,
      ),
    );
    if (unit.completedAt) {
      const unitRef = { code: unit.code, title: definition.title, credits: definition.credits };
      emit(
        `unit:${q.code}:${unit.code}`,
        (base) => new UnitCompletedEvent(base, unitRef, unit.completedAt!),
        unit.completedAt,
      );
    }
  }
  if (p.achievedAt) emit(`achieved:${q.code}`, (base) => achieved(base, p, q), p.achievedAt);
}

function achieved(
  base: LearningEventBase,
  p: QualificationProgress,
  q: Qualification,
): QualificationAchievedEvent {
  const units = p.units
    .filter((unit) => unit.completedAt)
    .map((unit) => {
      const definition = q.units.find((u) => u.code === unit.code)!;
      return {
        code: unit.code,
        title: definition.title,
        credits: definition.credits,
        completedAt: unit.completedAt!,
      };
    });
  return new QualificationAchievedEvent(
    base,
    claimIdOf(base.learnerKey, q.code),
    p.registeredAt!,
    p.registration,
    p.achievedAt!,
    units,
    units.reduce((sum, unit) => sum + unit.credits, 0),
  );
}

export function claimIdOf(learnerKey: string, qualification: string): string {
  return nameBasedUuid(`claim|${learnerKey}|${qualification}`);
}

/** The id of a learner's registration with the qualification's awarding body. */
export function registrationClaimIdOf(learnerKey: string, qualification: string): string {
  return nameBasedUuid(`registration|${learnerKey}|${qualification}`);
}

function baseOf(
  learner: LearnerDocument,
  key: string,
  at: string,
): Omit<LearningEventBase, 'qualification'> {
  return {
    eventId: nameBasedUuid(`event|${learner._id}|${key}`),
    occurredAt: at,
    storeId: learner.storeId,
    learnerKey: learner._id,
    learner: learner.agent,
    ...(learner.profile ? { profile: learner.profile } : {}),
  };
}

function refOf(q: Qualification): QualificationRef {
  return {
    code: q.code,
    title: q.title,
    level: q.level,
    awardingBody: q.awardingBody,
    awardingBodyRef: q.awardingBodyRef,
  };
}

/** A name-based (v5-style) UUID from SHA-1, so ids are stable across replays. */
export function nameBasedUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
