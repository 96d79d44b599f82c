import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Binary } from 'mongodb';
import { Connection } from 'mongoose';
import { isDuplicateKey, serverKindOf } from '@lr/persistence';
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
  /** Random per write: names the revision a writer replaces (see RevisionClaims). */
  rev?: string;
  updated: string;
}

/** The right to replace one revision of a document; see `replaceClaimed`. */
interface RevisionClaim {
  _id: string;
  at: number;
}

/** A claim older than this was left by a writer that died between claiming and replacing. */
const STALE_CLAIM_MS = 30_000;

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
 * fails if another writer got there first. No transactions needed. FerretDB 1.x cannot do a
 * conditional update (it reads, then replaces by `_id`), so there a writer first claims the
 * revision it replaces with a unique insert, which is atomic everywhere.
 */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<DocumentRecord>('documents');
  }

  private get claims() {
    return this.connection.collection<RevisionClaim>('document_revision_claims');
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
      rev: randomUUID(),
      updated,
    };
    if (expected === null) {
      try {
        await this.collection.insertOne(record);
      } catch (error) {
        if (isDuplicateKey(error)) throw new DocumentChangedError();
        throw error;
      }
      return;
    }
    if (await this.conditionalUpdatesAreAtomic()) {
      const result = await this.collection.replaceOne({ _id: record._id, etag: expected }, record);
      if (result.matchedCount === 0) throw new DocumentChangedError();
      return;
    }
    await this.replaceClaimed(record._id, expected, async () => {
      const result = await this.collection.replaceOne({ _id: record._id }, record);
      if (result.matchedCount === 0) throw new DocumentChangedError();
    });
  }

  async delete(address: DocumentAddress, expected: string): Promise<void> {
    const key = documentKey(address);
    if (await this.conditionalUpdatesAreAtomic()) {
      const result = await this.collection.deleteOne({ _id: key, etag: expected });
      if (result.deletedCount === 0) throw new DocumentChangedError();
      return;
    }
    await this.replaceClaimed(key, expected, async () => {
      const result = await this.collection.deleteOne({ _id: key });
      if (result.deletedCount === 0) throw new DocumentChangedError();
    });
  }

  private async conditionalUpdatesAreAtomic(): Promise<boolean> {
    return (await serverKindOf(this.collection)) === 'mongodb';
  }

  /**
   * Compare-and-set without conditional updates: read the revision, claim it with a unique
   * insert (one writer wins), check it is still current (a writer that read it earlier may have
   * claimed, replaced and released it since), then write by `_id` and release the claim. Only a
   * revision's claimant moves a document away from it, so nothing can change in between. A
   * claim left by a writer that died is taken over once stale.
   */
  private async replaceClaimed(
    key: string,
    expected: string,
    write: () => Promise<void>,
  ): Promise<void> {
    const current = await this.collection.findOne({ _id: key });
    if (current?.etag !== expected) throw new DocumentChangedError();
    const claim = `${key}#${current.rev ?? current.etag}`;
    await this.claim(claim);
    try {
      const now = await this.collection.findOne({ _id: key }, { projection: { rev: 1, etag: 1 } });
      if (now?.rev !== current.rev || now?.etag !== current.etag) throw new DocumentChangedError();
      await write();
    } finally {
      await this.claims.deleteOne({ _id: claim });
    }
  }

  private async claim(id: string, retakeStale = true): Promise<void> {
    try {
      await this.claims.insertOne({ _id: id, at: Date.now() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const held = await this.claims.findOne({ _id: id });
      if (!retakeStale || (held && Date.now() - held.at < STALE_CLAIM_MS)) {
        throw new DocumentChangedError();
      }
      if (held) await this.claims.deleteOne({ _id: id, at: held.at });
      await this.claim(id, false);
    }
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
