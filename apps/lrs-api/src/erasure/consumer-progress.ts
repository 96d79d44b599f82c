import { Injectable } from '@nestjs/common';
import { Admin } from 'kafkajs';
import { KafkaClient, ProducedRecord } from '@lr/messaging';

const POLL_MS = 250;
/** Group states in which no member is consuming: there is nobody to wait for. */
const IDLE_STATES = new Set(['Dead', 'Empty']);

/**
 * Tells when consumer groups have read past given records. An erasure waits for this before it
 * deletes: afterwards no consumer can write back anything that was written for the learner
 * before their key was destroyed.
 */
@Injectable()
export class ConsumerProgress {
  constructor(private readonly client: KafkaClient) {}

  /** True once `groupId` has committed past every record; false at the deadline. */
  async waitPast(
    groupId: string,
    records: readonly ProducedRecord[],
    deadline: number,
  ): Promise<boolean> {
    if (records.length === 0) return true;
    return this.withAdmin(async (admin) => {
      for (;;) {
        if (await this.idle(admin, groupId)) return true;
        const [committed] = await admin.fetchOffsets({ groupId, topics: [records[0]!.topic] });
        const at = new Map(
          (committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
        );
        if (records.every((record) => (at.get(record.partition) ?? -1) > Number(record.offset)))
          return true;
        if (Date.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    });
  }

  /** True once `groupId` has read all of `topic` as it is now; false at the deadline. */
  async waitForEnd(groupId: string, topic: string, deadline: number): Promise<boolean> {
    const ends = await this.withAdmin(async (admin) =>
      (await this.idle(admin, groupId)) ? [] : admin.fetchTopicOffsets(topic),
    );
    const last = ends
      .filter((end) => Number(end.high) > 0)
      .map((end) => ({ topic, partition: end.partition, offset: String(Number(end.high) - 1) }));
    return this.waitPast(groupId, last, deadline);
  }

  private async idle(admin: Admin, groupId: string): Promise<boolean> {
    const { groups } = await admin.describeGroups([groupId]);
    return groups.every((group) => IDLE_STATES.has(group.state));
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.client.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
