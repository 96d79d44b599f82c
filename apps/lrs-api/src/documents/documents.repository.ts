import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Binary, MongoServerError } from 'mongodb';
import { Connection } from 'mongoose';
import { DocumentAddress, documentKey } from './document-address';
import { DocumentContent } from './document-content';

interface DocumentRecord {
  _id: string;
  storeId: string;
  kind: string;
  activityId: string | null;
  agent: string | null;
  registration: string | null;
  docId: string;
  contentType: string;
  data: Binary;
  etag: string;
  updated: string;
}

export interface StoredDocument {
  readonly content: DocumentContent;
  readonly etag: string;
  readonly updated: string;
}

/** Thrown when a conditional write lost a race: the document changed since it was read. */
export class DocumentChangedError extends Error {}

/**
 * Documents are the LRS's own mutable state, so they are written straight to MongoDB with
 * conditional updates: every write names the ETag it read (or that no document existed), and
 * fails if another writer got there first. No transactions needed.
 */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<DocumentRecord>('documents');
  }

  async get(address: DocumentAddress): Promise<StoredDocument | null> {
    const record = await this.collection.findOne({ _id: documentKey(address) });
    return record ? toStored(record) : null;
  }

  /** Writes if the stored ETag is still `expected` (null: no document yet). */
  async write(
    address: DocumentAddress,
    content: DocumentContent,
    etag: string,
    updated: string,
    expected: string | null,
  ): Promise<void> {
    const record: DocumentRecord = {
      _id: documentKey(address),
      storeId: address.storeId,
      kind: address.kind,
      activityId: address.activityId,
      agent: address.agent,
      registration: address.registration,
      docId: address.docId!,
      contentType: content.contentType,
      data: new Binary(content.data),
      etag,
      updated,
    };
    if (expected === null) {
      try {
        await this.collection.insertOne(record);
      } catch (error) {
        if (error instanceof MongoServerError && error.code === 11000)
          throw new DocumentChangedError();
        throw error;
      }
      return;
    }
    const result = await this.collection.replaceOne({ _id: record._id, etag: expected }, record);
    if (result.matchedCount === 0) throw new DocumentChangedError();
  }

  async delete(address: DocumentAddress, expected: string): Promise<void> {
    const result = await this.collection.deleteOne({ _id: documentKey(address), etag: expected });
    if (result.deletedCount === 0) throw new DocumentChangedError();
  }

  /** Ids of the documents at an address (no docId), changed after `since` when given. */
  async list(address: DocumentAddress): Promise<string[]> {
    const records = await this.collection
      .find(
        { ...scope(address), ...(address.since ? { updated: { $gt: address.since } } : {}) },
        { projection: { docId: 1 } },
      )
      .toArray();
    return records.map((r) => r.docId);
  }

  async deleteAll(address: DocumentAddress): Promise<void> {
    await this.collection.deleteMany(scope(address));
  }
}

function scope(address: DocumentAddress): Record<string, unknown> {
  return {
    storeId: address.storeId,
    kind: address.kind,
    activityId: address.activityId,
    agent: address.agent,
    registration: address.registration,
  };
}

function toStored(record: DocumentRecord): StoredDocument {
  const data = Buffer.from(record.data.buffer);
  let json: Record<string, unknown> | null = null;
  if (record.contentType.toLowerCase().startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(data.toString('utf8'));
      json =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>)
          : null;
    } catch {
      json = null;
    }
  }
  return {
    content: { contentType: record.contentType, data, json },
    etag: record.etag,
    updated: record.updated,
  };
}
