export type UnitStatus = 'not-started' | 'in-progress' | 'completed';
export type QualificationStatus = 'not-registered' | 'registered' | 'in-progress' | 'achieved';

export interface AssessmentAttempt {
  readonly statementId: string;
  readonly at: string;
  readonly success: boolean;
  readonly scaled?: number;
}

export interface UnitProgress {
  readonly code: string;
  readonly status: UnitStatus;
  readonly activitiesFinished: number;
  readonly activitiesTotal: number;
  readonly attempts: readonly AssessmentAttempt[];
  readonly firstAttemptPassed?: boolean;
  readonly completedAt?: string;
}

/** A learner's progress on one qualification, derived from their facts alone. */
export interface QualificationProgress {
  readonly qualification: string;
  readonly level: number;
  readonly status: QualificationStatus;
  readonly registeredAt?: string;
  readonly registration?: string;
  readonly units: readonly UnitProgress[];
  readonly percentComplete: number;
  readonly attemptCount: number;
  readonly firstAttemptAt?: string;
  /** Every unit attempted so far was passed at its first attempt. */
  readonly passedFirstTime: boolean;
  /** Every unit attempted so far has been passed, at some attempt. */
  readonly passedAllAttempted: boolean;
  readonly achievedAt?: string;
}
