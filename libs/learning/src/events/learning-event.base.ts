import { AwardingBody } from '@lr/catalogue';
import { LearnerProfile } from '../facts/learning-fact';

export interface QualificationRef {
  readonly code: string;
  readonly title: string;
  readonly level: number;
  readonly awardingBody: AwardingBody;
  readonly awardingBodyRef: string;
}

/** What every learning event carries: who, which qualification, and a deterministic id. */
export interface LearningEventBase {
  /** Same input, same id: consumers deduplicate by it across rebuilds and redeliveries. */
  readonly eventId: string;
  readonly occurredAt: string;
  readonly storeId: string;
  readonly learnerKey: string;
  /** The learner as an xAPI Agent (their identifier and name as last seen). */
  readonly learner: Readonly<Record<string, unknown>>;
  readonly profile?: LearnerProfile;
  readonly qualification: QualificationRef;
}
