import { LearnerProfile, LearningFact } from '../facts/learning-fact';
import { QualificationProgress } from '../progress/qualification-progress';
import { SkillEvidenceEntry } from '../progress/skills-evidence';

/**
 * One learner in one store: the facts their statements established, and what is derived from
 * them. Storage shape only; the reporting API maps it to its own DTOs.
 */
export interface LearnerDocument {
  /** The learner key (store and agent identity), the same key their statements are partitioned by. */
  readonly _id: string;
  readonly storeId: string;
  readonly agent: Readonly<Record<string, unknown>>;
  readonly facts: readonly LearningFact[];
  /** Statement ids of the facts, kept apart so a voiding can find the learner by an index. */
  readonly factIds: readonly string[];
  /** Statement ids voided: if one is delivered again it is not re-added. */
  readonly retracted: readonly string[];
  readonly profile?: LearnerProfile;
  /** Line manager's learner key, for team queries. */
  readonly managerKey?: string;
  readonly qualifications: readonly QualificationProgress[];
  /** Evidence against the core ODP skills from completed units. */
  readonly skills: readonly SkillEvidenceEntry[];
  /** Keys of the events already emitted, so each is emitted once whatever is replayed. */
  readonly emitted: readonly string[];
  /** Offset of the last statement record applied. */
  readonly seq: number;
  readonly updatedAt: string;
}
