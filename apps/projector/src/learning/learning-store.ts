import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { AnyBulkWriteOperation } from 'mongodb';
import { Connection } from 'mongoose';
import {
  CounterShard,
  LearnerDocument,
  LearningCollections,
  learningCollections,
  shardId,
  ShardPartitionDocument,
} from '@lr/learning';
import {
  boundedBulkWrite,
  ensureIndexes,
  findByIds,
  isDuplicateKey,
  serverKindOf,
  TurnBatchedLoader,
} from '@lr/persistence';
import {
  learnerKey,
  STATEMENT_COLLECTION,
  statementDocumentId,
  statementOfStored,
  StoredStatementDocument,
} from '@lr/xapi';
import {
  CounterIncrement,
  journalFromStorage,
  journalToStorage,
  LearningJournal,
  StoredLearningJournal,
  TeamChange,
} from './learning-journal';

/** A voiding seen, by target; `open` until the target's learner has been told to retract it. */
export interface VoidDocument {
  _id: string;
  storeId: string;
  target: string;
  voidedBy: string;
  open: boolean;
  recordedAt: string;
}

interface TeamDocument {
  _id: string;
  manager: string;
  members: string[];
}

/** Shard partitions this process has registered, by database and collection. */
const registered = new Set<string>();

/** The learning read models of one version, in MongoDB. Lookups are by _id wherever it matters. */
@Injectable()
export class LearningStore {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  forVersion(version: number): LearningStoreVersion {
    return new LearningStoreVersion(this.connection, learningCollections(version));
  }
}

export class LearningStoreVersion {
  constructor(
    private readonly connection: Connection,
    readonly names: LearningCollections,
  ) {}

  private get learners() {
    return this.connection.collection<LearnerDocument>(this.names.learners);
  }
  private get counters() {
    return this.connection.collection<CounterShard>(this.names.counters);
  }
  private get journal() {
    return this.connection.collection<StoredLearningJournal>(this.names.journal);
  }
  private get voids() {
    return this.connection.collection<VoidDocument>(this.names.voids);
  }
  private get shardPartitions() {
    return this.connection.collection<ShardPartitionDocument>(this.names.shardPartitions);
  }
  private get teams() {
    return this.connection.collection<TeamDocument>(this.names.teams);
  }

  /** Indexes for real MongoDB; servers without secondary indexes still answer, by scanning. */
  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.learners, [
      { key: { factIds: 1 }, name: 'factIds' },
      { key: { storeId: 1, 'profile.department': 1, _id: 1 }, name: 'store_department' },
    ]);
    await ensureIndexes(this.voids, [{ key: { open: 1 }, name: 'open' }]);
    // Erasure finds an erased manager's team shards by it.
    await ensureIndexes(this.teams, [{ key: { manager: 1 }, name: 'manager' }]);
  }

  /** The partitions of one fetch start their batches together: their reads go as one. */
  private readonly journals = new TurnBatchedLoader<number, LearningJournal | null>(
    async (partitions) => {
      const ids = partitions.map(journalId);
      const found = await findByIds(this.journal, ids);
      const byId = new Map(found.map((journal) => [journal._id, journalFromStorage(journal)]));
      return ids.map((id) => byId.get(id) ?? null);
    },
  );

  journalOf(partition: number): Promise<LearningJournal | null> {
    return this.journals.load(partition);
  }

  /**
   * Writes the next journal of a partition only if the last one is still the one this instance
   * read: an instance that lost the partition in a rebalance cannot overwrite its successor's.
   */
  async writeJournal(previousEnd: number | undefined, journal: LearningJournal): Promise<boolean> {
    if (previousEnd === undefined) {
      try {
        await this.journal.insertOne(journalToStorage(journal));
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    }
    const result = await this.journal.replaceOne(
      { _id: journal._id, end: previousEnd },
      journalToStorage(journal),
    );
    return result.matchedCount === 1;
  }

  async loadLearners(ids: readonly string[]): Promise<Map<string, LearnerDocument>> {
    if (ids.length === 0) return new Map();
    const found = await findByIds(this.learners, ids);
    return new Map(found.map((doc) => [doc._id, doc]));
  }

  async saveLearners(documents: readonly LearnerDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await boundedBulkWrite(
      this.learners,
      documents.map((doc) => ({
        replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true },
      })),
      { ordered: false },
    );
  }

  /**
   * Applies a journal's increments once: each counter document (see shardIdFor) remembers the
   * last journal end it took from each partition. Only the partition's owner moves its mark (the
   * journal fences any other), so reading the mark first and then incrementing is safe; it also
   * keeps every write a lookup by _id.
   */
  async applyIncrements(
    partition: number,
    end: number,
    increments: readonly CounterIncrement[],
  ): Promise<void> {
    if (increments.length === 0) return;
    const docId = await this.shardIdFor(partition);
    const guard = `applied.${partition}`;
    const seen = await findByIds(
      this.counters,
      increments.map((i) => docId(i.id)),
      { projection: { applied: 1 } },
    );
    const done = new Set(
      seen.filter((doc) => (doc.applied?.[String(partition)] ?? -1) >= end).map((doc) => doc._id),
    );
    const operations: AnyBulkWriteOperation<CounterShard>[] = increments
      .filter((increment) => !done.has(docId(increment.id)))
      .map((increment) => ({
        updateOne: {
          filter: { _id: docId(increment.id) },
          update: {
            $inc: increment.inc,
            $set: { [guard]: end },
            $setOnInsert: { counter: increment.id },
          },
          upsert: true,
        },
      }));
    await boundedBulkWrite(this.counters, operations, { ordered: false });
  }

  /** Team changes of one partition's learners (to its shard of each team on FerretDB). */
  async applyTeams(partition: number, changes: readonly TeamChange[]): Promise<void> {
    if (changes.length === 0) return;
    const docId = await this.shardIdFor(partition);
    await boundedBulkWrite(
      this.teams,
      changes.map((change) => ({
        updateOne: {
          filter: { _id: docId(change.managerKey) },
          update: change.member
            ? {
                $addToSet: { members: change.learnerKey },
                $setOnInsert: { manager: change.managerKey },
              }
            : { $pull: { members: change.learnerKey } },
          upsert: change.member,
        },
      })),
      { ordered: false },
    );
  }

  /**
   * Where a partition writes a counter or team: its own shard on FerretDB (registered first, so
   * readers never miss a shard that exists); on MongoDB, whose `$inc` and `$addToSet` are atomic,
   * the one shared document, which readers fetch in one lookup.
   */
  private async shardIdFor(partition: number): Promise<(id: string) => string> {
    if ((await serverKindOf(this.counters)) === 'mongodb') return (id) => id;
    await this.registerShardPartition(partition);
    return (id) => shardId(id, partition);
  }

  private async registerShardPartition(partition: number): Promise<void> {
    const key = `${this.connection.name}.${this.names.shardPartitions}:${partition}`;
    if (registered.has(key)) return;
    try {
      await this.shardPartitions.insertOne({ _id: partition });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    registered.add(key);
  }

  async recordVoids(
    voids: readonly { storeId: string; target: string; voidedBy: string }[],
    now: Date,
  ): Promise<void> {
    if (voids.length === 0) return;
    await boundedBulkWrite(
      this.voids,
      voids.map((entry) => ({
        updateOne: {
          filter: { _id: `${entry.storeId}|${entry.target}` },
          update: {
            $setOnInsert: {
              storeId: entry.storeId,
              target: entry.target,
              voidedBy: entry.voidedBy,
              open: true,
              recordedAt: now.toISOString(),
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /** Voidings whose target's learner is not known yet; few, so a scan is fine. */
  openVoids(): Promise<VoidDocument[]> {
    return this.voids.find({ open: true }).limit(1_000).toArray();
  }

  async closeVoids(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await boundedBulkWrite(
      this.voids,
      ids.map((id) => ({ updateOne: { filter: { _id: id }, update: { $set: { open: false } } } })),
      { ordered: false },
    );
  }

  /** Which of these (store-qualified) statement ids have been voided. */
  async voidedAmong(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await findByIds(this.voids, ids);
    return new Set(found.map((doc) => doc._id));
  }

  /** The learner whose statement this is, from the statement store: a lookup by _id. */
  async learnerOfStatement(storeId: string, statementId: string): Promise<string | undefined> {
    // No projection: mongo-java-server answers a nested projection by scanning (675 ms against
    // 6 ms measured), and a statement document is small.
    const stored = await this.connection
      .collection<Pick<StoredStatementDocument, '_id' | 'statement'>>(STATEMENT_COLLECTION)
      .findOne({ _id: statementDocumentId(storeId, statementId) });
    return stored ? learnerKey(storeId, statementOfStored(stored.statement).actor) : undefined;
  }

  async drop(): Promise<void> {
    for (const name of Object.values(this.names)) {
      if (typeof name === 'string') await this.connection.dropCollection(name).catch(() => false);
    }
  }
}

export function journalId(partition: number): string {
  return `partition-${partition}`;
}
