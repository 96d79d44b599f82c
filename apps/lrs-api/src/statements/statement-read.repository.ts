import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Filter } from 'mongodb';
import { Connection } from 'mongoose';
import { findByIds } from '@lr/persistence';
import {
  STATEMENT_COLLECTION,
  statementDocumentId,
  statementOfStored,
  StoredStatementDocument,
} from '@lr/xapi';
import { PageCursor, StatementFilter } from './statement-query';

export interface StoredStatement {
  readonly statement: Record<string, unknown>;
  readonly stored: string;
  readonly id: string;
}

/** Reads the statement store the projector writes; returns statements, never storage documents. */
@Injectable()
export class StatementReadRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<StoredStatementDocument>(STATEMENT_COLLECTION);
  }

  async findOne(
    storeId: string,
    statementId: string,
    voided: boolean,
  ): Promise<StoredStatement | null> {
    // By _id alone, checking `voided` here: FerretDB scans the collection for any other filter.
    const doc = await this.collection.findOne(
      { _id: statementDocumentId(storeId, statementId) },
      { projection: { statement: 1, stored: 1, statementId: 1, voided: 1 } },
    );
    return doc && doc.voided === voided
      ? { statement: statementOfStored(doc.statement), stored: doc.stored, id: doc.statementId }
      : null;
  }

  async existingIds(storeId: string, statementIds: readonly string[]): Promise<Set<string>> {
    const docs = await findByIds(this.collection, this.documentIds(storeId, statementIds), {
      projection: { statementId: 1 },
    });
    return new Set(docs.map((d) => d.statementId));
  }

  /** Which of these ids are voiding statements (which cannot be voided). */
  async voidingIds(storeId: string, statementIds: readonly string[]): Promise<Set<string>> {
    const docs = await findByIds(this.collection, this.documentIds(storeId, statementIds), {
      projection: { statementId: 1, voidsId: 1 },
    });
    return new Set(docs.filter((d) => d.voidsId != null).map((d) => d.statementId));
  }

  private documentIds(storeId: string, statementIds: readonly string[]): string[] {
    return statementIds.map((id) => statementDocumentId(storeId, id));
  }

  /** One page in stored order (newest first unless ascending), `limit + 1` to tell if more exist. */
  async page(
    storeId: string,
    filter: StatementFilter,
    limit: number,
    after: PageCursor | undefined,
    authority: string | undefined,
  ): Promise<StoredStatement[]> {
    const direction = filter.ascending ? 1 : -1;
    const docs = await this.collection
      .find(toMongoFilter(storeId, filter, after, authority), {
        projection: { statement: 1, stored: 1, statementId: 1 },
      })
      .sort({ stored: direction, _id: direction })
      .limit(limit + 1)
      .toArray();
    return docs.map((doc) => ({
      statement: statementOfStored(doc.statement),
      stored: doc.stored,
      id: doc.statementId,
    }));
  }
}

function toMongoFilter(
  storeId: string,
  filter: StatementFilter,
  after: PageCursor | undefined,
  authority: string | undefined,
): Filter<StoredStatementDocument> {
  const query: Record<string, unknown> = { storeId, voided: false };
  if (filter.agent) query[filter.relatedAgents ? 'relatedAgents' : 'agents'] = filter.agent;
  if (filter.verb) query.verbs = filter.verb;
  if (filter.activity)
    query[filter.relatedActivities ? 'relatedActivities' : 'activities'] = filter.activity;
  if (filter.registration) query.registrations = filter.registration;
  if (authority) query.authority = authority;
  const stored: Record<string, string> = {};
  if (filter.since) stored.$gt = filter.since;
  if (filter.until) stored.$lte = filter.until;
  if (Object.keys(stored).length > 0) query.stored = stored;
  if (!after) return query;
  const beyond = filter.ascending ? '$gt' : '$lt';
  const cursor = {
    $or: [
      { stored: { [beyond]: after.stored } },
      { stored: after.stored, _id: { [beyond]: statementDocumentId(storeId, after.id) } },
    ],
  };
  return { $and: [query, cursor] };
}
