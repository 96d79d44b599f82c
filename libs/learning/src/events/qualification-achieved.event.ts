import { LearningEventBase } from './learning-event.base';

export const QUALIFICATION_ACHIEVED = 'qualification-achieved/v1';

export interface AchievedUnit {
  readonly code: string;
  readonly title: string;
  readonly credits: number;
  readonly completedAt: string;
}

/** Everything an awarding body needs to certificate the learner. */
export class QualificationAchievedEvent {
  readonly type = QUALIFICATION_ACHIEVED;
  constructor(
    readonly base: LearningEventBase,
    /** One learner and qualification, one claim: the accreditation gateway's idempotency key. */
    readonly claimId: string,
    readonly registeredAt: string,
    readonly registration: string | undefined,
    readonly achievedAt: string,
    readonly units: readonly AchievedUnit[],
    readonly credits: number,
  ) {}
}
