import { LearningEventBase } from './learning-event.base';

export const LEARNER_REGISTERED = 'learner-registered/v1';

export class LearnerRegisteredEvent {
  readonly type = LEARNER_REGISTERED;
  constructor(
    readonly base: LearningEventBase,
    readonly registeredAt: string,
    readonly registration: string | undefined,
  ) {}
}
