import { LearningEventBase } from './learning-event.base';

export const ASSESSMENT_ATTEMPTED = 'assessment-attempted/v1';

export class AssessmentAttemptedEvent {
  readonly type = ASSESSMENT_ATTEMPTED;
  constructor(
    readonly base: LearningEventBase,
    readonly unit: string,
    readonly statementId: string,
    readonly success: boolean,
    readonly scaled: number | undefined,
    /** 1 for the first attempt at the unit's assessment (by time, among the facts known then). */
    readonly attemptNumber: number,
  ) {}
}
