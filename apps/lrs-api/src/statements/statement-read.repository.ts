import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { STATEMENT_COLLECTION, StatementDocument, statementDocumentId } from '@lr/xapi';

/** Reads the statement store the projector writes; returns statements, never storage documents. */
@Injectable()
export class StatementReadRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<StatementDocument>(STATEMENT_COLLECTION);
  }

  async findById(storeId: string, statementId: string): Promise<Record<string, unknown> | null> {
    const doc = await this.collection.findOne(
      { _id: statementDocumentId(storeId, statementId) },
      { projection: { statement: 1 } },
    );
    return doc?.statement ?? null;
  }

  async latest(storeId: string, limit: number): Promise<Record<string, unknown>[]> {
    const docs = await this.collection
      .find({ storeId }, { projection: { statement: 1 } })
      .sort({ stored: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => doc.statement);
  }
}
