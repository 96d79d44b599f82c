import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Connection } from 'mongoose';
import { boundedBulkWrite, findByIds } from '@lr/persistence';

interface PersonLinkDocument {
  /** `${storeId}|${agentKey}` */
  _id: string;
  storeId: string;
  personId: string;
  agent: Record<string, unknown>;
}

/**
 * Which identifiers (mbox, account, …) belong to one person, per store. A learner known by a
 * work email and a staff account is one Person to /agents (and to the read models that follow).
 */
@Injectable()
export class PeopleRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<PersonLinkDocument>('person_links');
  }

  /** Every agent object linked to the same person as this agent key (just itself when unlinked). */
  async identitiesOf(storeId: string, key: string): Promise<Record<string, unknown>[]> {
    const own = await this.collection.findOne({ _id: `${storeId}|${key}` });
    if (!own) return [];
    const all = await this.collection.find({ storeId, personId: own.personId }).toArray();
    return all.map((doc) => doc.agent);
  }

  /** Makes these agents one person, merging any people they already belonged to. */
  async link(
    storeId: string,
    agents: readonly { key: string; agent: Record<string, unknown> }[],
  ): Promise<string> {
    const existing = await findByIds(
      this.collection,
      agents.map((a) => `${storeId}|${a.key}`),
    );
    const personIds = [...new Set(existing.map((doc) => doc.personId))];
    const personId = personIds[0] ?? randomUUID();
    if (personIds.length > 1) {
      await this.collection.updateMany(
        { storeId, personId: { $in: personIds.slice(1) } },
        { $set: { personId } },
      );
    }
    await boundedBulkWrite(
      this.collection,
      agents.map((a) => ({
        updateOne: {
          filter: { _id: `${storeId}|${a.key}` },
          update: { $set: { storeId, personId, agent: a.agent } },
          upsert: true,
        },
      })),
      { ordered: true },
    );
    return personId;
  }
}
