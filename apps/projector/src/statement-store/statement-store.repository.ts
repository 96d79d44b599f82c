import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Connection } from 'mongoose';
import { STATEMENT_COLLECTION, STATEMENT_INDEXES, StatementDocument } from '@lr/xapi';

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
   */
  async insertNew(documents: readonly StatementDocument[]): Promise<number> {
    if (documents.length === 0) return 0;
    const operations: AnyBulkWriteOperation<StatementDocument>[] = documents.map((doc) => ({
      updateOne: { filter: { _id: doc._id }, update: { $setOnInsert: doc }, upsert: true },
    }));
    const result = await this.collection.bulkWrite(operations as never, { ordered: true });
    return result.upsertedCount;
  }
}
