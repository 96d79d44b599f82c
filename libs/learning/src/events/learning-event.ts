import { AssessmentAttemptedEvent } from './assessment-attempted.event';
import { LearnerRegisteredEvent } from './learner-registered.event';
import { QualificationAchievedEvent } from './qualification-achieved.event';
import { UnitCompletedEvent } from './unit-completed.event';

export type LearningEvent =
  | LearnerRegisteredEvent
  | UnitCompletedEvent
  | AssessmentAttemptedEvent
  | QualificationAchievedEvent;

export type LearningEventType = LearningEvent['type'];

/** The flat JSON written to Kafka: the base fields next to the event's own. */
export function eventPayload(event: LearningEvent): Record<string, unknown> {
  const { base, ...rest } = event;
  return { ...base, ...rest };
}

export function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
