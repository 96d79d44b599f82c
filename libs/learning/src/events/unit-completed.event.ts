import { LearningEventBase } from './learning-event.base';

export const UNIT_COMPLETED = 'unit-completed/v1';

export class UnitCompletedEvent {
  readonly type = UNIT_COMPLETED;
  constructor(
    readonly base: LearningEventBase,
    readonly unit: { readonly code: string; readonly title: string; readonly credits: number },
    readonly completedAt: string,
  ) {}
}
