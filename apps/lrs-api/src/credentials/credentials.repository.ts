import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { boundedBulkWrite } from '@lr/persistence';
import { Credential, Scope } from './credential';

interface CredentialDocument {
  _id: string;
  name: string;
  storeId: string;
  scopes: Scope[];
  secretHash: string;
  createdAt: Date;
  revokedAt?: Date | null;
}

export interface StoredCredential {
  readonly credential: Credential;
  readonly secretHash: string;
}

@Injectable()
export class CredentialsRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<CredentialDocument>('credentials');
  }

  async findByKey(key: string): Promise<StoredCredential | null> {
    const doc = await this.collection.findOne({ _id: key });
    if (!doc) return null;
    return {
      secretHash: doc.secretHash,
      credential: {
        key: doc._id,
        name: doc.name,
        storeId: doc.storeId,
        scopes: doc.scopes,
        revoked: Boolean(doc.revokedAt),
      },
    };
  }

  /**
   * Creates or replaces the credential with this key. Through boundedBulkWrite because LRS
   * instances starting together race to create the developer credential, and FerretDB does not
   * retry the losing upsert as MongoDB does.
   */
  async save(credential: Credential, secretHash: string, now: Date): Promise<void> {
    const replacement = {
      name: credential.name,
      storeId: credential.storeId,
      scopes: [...credential.scopes],
      secretHash,
      createdAt: now,
      revokedAt: credential.revoked ? now : null,
    };
    await boundedBulkWrite(this.collection, [
      { replaceOne: { filter: { _id: credential.key }, replacement, upsert: true } },
    ]);
  }

  async list(storeId?: string): Promise<Credential[]> {
    const docs = await this.collection
      .find(storeId ? { storeId } : {})
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => ({
      key: doc._id,
      name: doc.name,
      storeId: doc.storeId,
      scopes: doc.scopes,
      revoked: Boolean(doc.revokedAt),
    }));
  }

  /** Answers false when there is no such credential. */
  async revoke(key: string, now: Date): Promise<boolean> {
    const result = await this.collection.updateOne({ _id: key }, { $set: { revokedAt: now } });
    return result.matchedCount === 1;
  }
}
