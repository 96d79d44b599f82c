/**
 * Every learning read model lives in collections named by a version, so a rebuild can fill a new
 * version while readers stay on the old one, then switch them with one write to the meta document.
 */
export interface LearningCollections {
  readonly version: number;
  readonly learners: string;
  readonly counters: string;
  readonly teams: string;
  readonly voids: string;
  readonly journal: string;
  /** One tiny document per statement partition that has written shards (see partition-shards). */
  readonly shardPartitions: string;
}

export const LEARNING_META_COLLECTION = 'learning_meta';
export const LEARNING_META_ID = 'read-models';

export interface LearningMetaDocument {
  readonly _id: typeof LEARNING_META_ID;
  /** The version readers use and live projectors write. */
  readonly active: number;
  readonly previous?: number;
  readonly switchedAt?: string;
}

export function learningCollections(version: number): LearningCollections {
  const prefix = `learning_v${version}`;
  return {
    version,
    learners: `${prefix}_learners`,
    counters: `${prefix}_counters`,
    teams: `${prefix}_teams`,
    voids: `${prefix}_voids`,
    journal: `${prefix}_journal`,
    shardPartitions: `${prefix}_shard_partitions`,
  };
}

/** The consumer group that fills a version: each version replays the topic on its own. */
export function learningGroupName(version: number): string {
  return `learning-projector.v${version}`;
}
