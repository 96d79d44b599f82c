/** A learner's profile in the organisation, as given on their latest registration. */
export interface LearnerProfile {
  readonly department?: string;
  readonly grade?: string;
  readonly jobFamily?: string;
  /** agentKey of the line manager. */
  readonly lineManager?: string;
}

interface FactBase {
  /** The statement id: a fact is added and retracted by it, so redelivery changes nothing. */
  readonly id: string;
  /** The statement's timestamp (or stored), ISO 8601 in UTC: facts are ordered by it, then id. */
  readonly at: string;
  readonly qualification: string;
}

export interface RegisteredFact extends FactBase {
  readonly kind: 'registered';
  readonly registration?: string;
  readonly profile?: LearnerProfile;
}

export interface ActivityFact extends FactBase {
  readonly kind: 'activity';
  readonly unit: string;
  readonly activity: string;
  readonly finished: boolean;
}

export interface AssessmentFact extends FactBase {
  readonly kind: 'assessment';
  readonly unit: string;
  readonly success: boolean;
  readonly scaled?: number;
}

/** What one statement says about a learner's programme, reduced to what projections need. */
export type LearningFact = RegisteredFact | ActivityFact | AssessmentFact;

export function compareFacts(a: LearningFact, b: LearningFact): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
