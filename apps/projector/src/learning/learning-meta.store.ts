import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { boundedBulkWrite } from '@lr/persistence';
import { LEARNING_META_COLLECTION, LEARNING_META_ID, LearningMetaDocument } from '@lr/learning';

/** Which version of the learning read models is live: the one document a rebuild switches. */
@Injectable()
export class LearningMetaStore {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get meta() {
    return this.connection.collection<LearningMetaDocument>(LEARNING_META_COLLECTION);
  }

  /** The active version, version 1 on first use. */
  async active(): Promise<number> {
    // Projectors starting together race to create it: boundedBulkWrite sends the losing upsert
    // again on FerretDB (MongoDB retries it itself), and it then finds the winner's document.
    await boundedBulkWrite(this.meta, [
      {
        updateOne: {
          filter: { _id: LEARNING_META_ID },
          update: { $setOnInsert: { active: 1 } },
          upsert: true,
        },
      },
    ]);
    const doc = await this.meta.findOne({ _id: LEARNING_META_ID });
    return doc!.active;
  }

  /** Switches readers and live projectors from one version to the next in one write. */
  async switchTo(from: number, to: number, now: Date): Promise<boolean> {
    const result = await this.meta.updateOne(
      { _id: LEARNING_META_ID, active: from },
      { $set: { active: to, previous: from, switchedAt: now.toISOString() } },
    );
    return result.matchedCount === 1;
  }
}
