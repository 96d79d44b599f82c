import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Connection } from 'mongoose';
import {
  STATEMENT_COLLECTION,
  STATEMENT_INDEXES,
  StatementDocument,
  statementDocumentId,
} from '@lr/xapi';

@Injectable()
export class StatementStoreRepository implements OnModuleInit {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<StatementDocument>(STATEMENT_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndexes(STATEMENT_INDEXES);
  }

  /**
   * Inserts documents whose id is new and leaves existing ones untouched: first write wins, and
   * a redelivered record is a no-op. Upserts with $setOnInsert never raise duplicate-key errors.
   * Then applies voiding in both directions. A voiding statement and its target may sit on
   * different partitions and be stored concurrently; each side writes itself before looking for
   * the other, so at least one of them sees the other and the target ends up voided.
   */
  async insertNew(documents: readonly StatementDocument[]): Promise<number> {
    if (documents.length === 0) return 0;
    const operations: AnyBulkWriteOperation<StatementDocument>[] = documents.map((doc) => ({
      updateOne: { filter: { _id: doc._id }, update: { $setOnInsert: doc }, upsert: true },
    }));
    const result = await this.collection.bulkWrite(operations as never, { ordered: true });
    await this.voidTargets(documents);
    await this.voidIfAlreadyVoided(documents);
    return result.upsertedCount;
  }

  private async voidTargets(documents: readonly StatementDocument[]): Promise<void> {
    const targets = documents
      .filter((doc) => doc.voidsId !== null)
      .map((doc) => statementDocumentId(doc.storeId, doc.voidsId!));
    if (targets.length === 0) return;
    // A voiding statement cannot itself be voided (the LRS refuses such writes; this guards
    // against one slipping through from a replayed log).
    await this.collection.updateMany(
      { _id: { $in: targets }, voidsId: null },
      { $set: { voided: true } },
    );
  }

  private async voidIfAlreadyVoided(documents: readonly StatementDocument[]): Promise<void> {
    const candidates = documents.filter((doc) => doc.voidsId === null);
    if (candidates.length === 0) return;
    const byStore = new Map<string, string[]>();
    for (const doc of candidates)
      byStore.set(doc.storeId, [...(byStore.get(doc.storeId) ?? []), doc.statementId]);
    for (const [storeId, ids] of byStore) {
      const voiders = await this.collection
        .find({ storeId, voidsId: { $in: ids } }, { projection: { voidsId: 1 } })
        .toArray();
      if (voiders.length === 0) continue;
      const voidedIds = voiders.map((v) => statementDocumentId(storeId, v.voidsId!));
      await this.collection.updateMany({ _id: { $in: voidedIds } }, { $set: { voided: true } });
    }
  }
}
