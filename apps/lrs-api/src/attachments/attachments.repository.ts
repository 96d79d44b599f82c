import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Binary } from 'mongodb';
import { Connection } from 'mongoose';
import { AttachmentData, AttachmentPart } from '@lr/xapi';
import { boundedBulkWrite, findByIds } from '@lr/persistence';

interface AttachmentDocument {
  _id: string;
  storeId: string;
  sha2: string;
  contentType: string;
  data: Binary;
}

/**
 * Attachment bytes, content-addressed by store and SHA-2, written before their statements are
 * produced (so a statement on the log never lacks its data) and kept out of Kafka, whose records
 * should stay small. Writing the same content twice is a no-op.
 */
@Injectable()
export class AttachmentsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<AttachmentDocument>('attachments');
  }

  async save(storeId: string, parts: readonly AttachmentPart[]): Promise<void> {
    if (parts.length === 0) return;
    const operations = parts.map((part) => ({
      updateOne: {
        filter: { _id: `${storeId}:${part.sha2}` },
        update: {
          $setOnInsert: {
            storeId,
            sha2: part.sha2,
            contentType: part.contentType,
            data: new Binary(Buffer.from(part.data)),
          },
        },
        upsert: true,
      },
    }));
    await boundedBulkWrite(this.collection, operations, { ordered: false });
  }

  async load(storeId: string, hashes: readonly string[]): Promise<AttachmentData[]> {
    if (hashes.length === 0) return [];
    const docs = await findByIds(
      this.collection,
      hashes.map((sha2) => `${storeId}:${sha2}`),
    );
    return docs.map((doc) => ({
      sha2: doc.sha2,
      contentType: doc.contentType,
      data: Buffer.from(doc.data.buffer),
    }));
  }
}
