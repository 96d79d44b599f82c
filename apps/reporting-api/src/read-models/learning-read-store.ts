import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import {
  ACCREDITATION_CLAIMS_COLLECTION,
  ClaimOutcome,
  CounterDocument,
  CounterShard,
  LEARNING_META_COLLECTION,
  LEARNING_META_ID,
  LearnerDocument,
  learningCollections,
  LearningCollections,
  LearningMetaDocument,
  mergeCounterShards,
  mergeTeamShards,
  ShardPartitionDocument,
  shardIds,
  TeamShard,
} from '@lr/learning';
import { ClaimCount } from '../accreditation/claims-summary';
import { findByIds, serverKindOf } from '@lr/persistence';

const VERSION_TTL_MS = 1_000;

/** Reads the active version of the learning read models; every read is a lookup by _id or a page. */
@Injectable()
export class LearningReadStore {
  private version: { value: number; at: number } | undefined;
  private partitionsOf: { version: number; value: Promise<number[]>; at: number } | undefined;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async learner(key: string): Promise<LearnerDocument | null> {
    const names = await this.names();
    return this.connection.collection<LearnerDocument>(names.learners).findOne({ _id: key });
  }

  async learners(keys: readonly string[]): Promise<LearnerDocument[]> {
    if (keys.length === 0) return [];
    const names = await this.names();
    const found = await findByIds(
      this.connection.collection<LearnerDocument>(names.learners),
      keys,
    );
    return found.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  }

  /** A manager's team: the union of its partition shards (and of a document from before them). */
  async teamOf(managerKey: string): Promise<string[]> {
    const names = await this.names();
    const shards = await findByIds(
      this.connection.collection<TeamShard>(names.teams),
      shardIds([managerKey], await this.partitions(names)),
    );
    return mergeTeamShards(shards).get(managerKey) ?? [];
  }

  /** One page of a department's learners, in key order, after a given key. */
  async departmentPage(
    storeId: string,
    department: string,
    after: string | undefined,
    limit: number,
  ): Promise<LearnerDocument[]> {
    const names = await this.names();
    return this.connection
      .collection<LearnerDocument>(names.learners)
      .find({
        storeId,
        'profile.department': department,
        ...(after ? { _id: { $gt: after } } : {}),
      })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
  }

  /** Counters by id, each the sum of its partition shards (and of a document from before them). */
  async counters(ids: readonly string[]): Promise<Map<string, CounterDocument>> {
    if (ids.length === 0) return new Map();
    const names = await this.names();
    const shards = await findByIds(
      this.connection.collection<CounterShard>(names.counters),
      // No projection: mongo-java-server answers this one about three times slower.
      shardIds(ids, await this.partitions(names)),
    );
    return mergeCounterShards(shards);
  }

  /** Accreditation outcomes by claim id, from the gateway's collection. */
  async claimOutcomes(ids: readonly string[]): Promise<Map<string, ClaimOutcome>> {
    if (ids.length === 0) return new Map();
    const found = await findByIds(
      this.connection.collection<ClaimOutcome>(ACCREDITATION_CLAIMS_COLLECTION),
      ids,
    );
    return new Map(found.map((claim) => [claim._id, claim]));
  }

  /** How many claims of a store (or one department of it) are in each kind and status. */
  async claimCounts(storeId: string, department: string | undefined): Promise<ClaimCount[]> {
    const rows = await this.connection
      .collection(ACCREDITATION_CLAIMS_COLLECTION)
      .aggregate<{ _id: { kind: string; status: string }; count: number }>([
        { $match: { storeId, ...(department !== undefined ? { department } : {}) } },
        { $group: { _id: { kind: '$kind', status: '$status' }, count: { $sum: 1 } } },
      ])
      .toArray();
    return rows.map((row) => ({ kind: row._id.kind, status: row._id.status, count: row.count }));
  }

  async activeVersion(): Promise<number> {
    if (this.version && Date.now() - this.version.at < VERSION_TTL_MS) return this.version.value;
    const meta = await this.connection
      .collection<LearningMetaDocument>(LEARNING_META_COLLECTION)
      .findOne({ _id: LEARNING_META_ID });
    this.version = { value: meta?.active ?? 1, at: Date.now() };
    return this.version.value;
  }

  private async names() {
    return learningCollections(await this.activeVersion());
  }

  /**
   * The statement partitions that have written a version's shards (FerretDB only: on MongoDB
   * partitions share one document): a few tiny documents, read at most once a second and shared
   * by the requests that want them meanwhile.
   */
  private async partitions(names: LearningCollections): Promise<number[]> {
    if ((await serverKindOf(this.connection.collection(names.counters))) === 'mongodb') return [];
    const cached = this.partitionsOf;
    if (cached?.version === names.version && Date.now() - cached.at < VERSION_TTL_MS) {
      return cached.value;
    }
    const value = this.connection
      .collection<ShardPartitionDocument>(names.shardPartitions)
      .find({})
      .toArray()
      .then((docs) => docs.map((doc) => doc._id).sort((a, b) => a - b));
    const entry = { version: names.version, value, at: Date.now() };
    this.partitionsOf = entry;
    value.catch(() => {
      if (this.partitionsOf === entry) this.partitionsOf = undefined;
    });
    return value;
  }
}
