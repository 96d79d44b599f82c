import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Connection } from 'mongoose';
import {
  INHERITED_MATCH_FIELDS,
  STATEMENT_COLLECTION,
  STATEMENT_INDEXES,
  StatementDocument,
  statementDocumentId,
} from '@lr/xapi';

/** Chains of statements targeting statements deeper than this are not followed further. */
const MAX_REF_DEPTH = 10;

function inherited(source: StatementDocument): Record<string, { $each: string[] }> {
  return Object.fromEntries(
    INHERITED_MATCH_FIELDS.map((field) => [field, { $each: source[field] }]),
  );
}

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
    await this.spreadMatches(documents);
    return result.upsertedCount;
  }

  /**
   * A statement targeting another (StatementRef) matches the filters its target matches, and
   * recursively so. Spreads each stored statement's match values to the statements targeting it,
   * from the targets of this batch and from the batch itself; $addToSet makes repeats harmless.
   */
  private async spreadMatches(documents: readonly StatementDocument[]): Promise<void> {
    const byStore = new Map<string, Set<string>>();
    for (const doc of documents) {
      const ids = byStore.get(doc.storeId) ?? new Set<string>();
      ids.add(doc.statementId);
      if (doc.refId) ids.add(doc.refId);
      byStore.set(doc.storeId, ids);
    }
    for (const [storeId, ids] of byStore) await this.spreadFrom(storeId, [...ids], MAX_REF_DEPTH);
  }

  private async spreadFrom(storeId: string, statementIds: string[], depth: number): Promise<void> {
    if (statementIds.length === 0 || depth === 0) return;
    const targeting = await this.collection
      .find({ storeId, refId: { $in: statementIds } }, { projection: { statementId: 1, refId: 1 } })
      .toArray();
    if (targeting.length === 0) return;
    const sources = await this.collection
      .find({ _id: { $in: statementIds.map((id) => statementDocumentId(storeId, id)) } })
      .toArray();
    const sourceById = new Map(sources.map((doc) => [doc.statementId, doc]));
    const updates = targeting
      .filter((doc) => sourceById.has(doc.refId!))
      .map((doc) => ({
        updateOne: {
          filter: { _id: doc._id },
          update: { $addToSet: inherited(sourceById.get(doc.refId!)!) },
        },
      }));
    if (updates.length === 0) return;
    await this.collection.bulkWrite(updates, { ordered: false });
    await this.spreadFrom(
      storeId,
      targeting.map((doc) => doc.statementId),
      depth - 1,
    );
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
