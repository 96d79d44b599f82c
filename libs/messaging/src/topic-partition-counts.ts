import { Injectable } from '@nestjs/common';
import { KafkaClient } from './kafka-client';

/**
 * Partition counts per topic, read once from the cluster. The producer picks partitions itself
 * (to know each message's offset), so it needs the real count, not the configured one.
 */
@Injectable()
export class TopicPartitionCounts {
  private readonly known = new Map<string, Promise<number>>();

  constructor(private readonly client: KafkaClient) {}

  async forTopics(topics: readonly string[]): Promise<Map<string, number>> {
    const unique = [...new Set(topics)];
    const counts = await Promise.all(unique.map((topic) => this.count(topic)));
    return new Map(unique.map((topic, i) => [topic, counts[i]!]));
  }

  private count(topic: string): Promise<number> {
    let pending = this.known.get(topic);
    if (!pending) {
      pending = this.fetch(topic);
      this.known.set(topic, pending);
      pending.catch(() => this.known.delete(topic));
    }
    return pending;
  }

  private async fetch(topic: string): Promise<number> {
    const admin = this.client.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const count = topics[0]?.partitions.length ?? 0;
      if (count === 0) throw new Error(`topic ${topic} has no partitions`);
      return count;
    } finally {
      await admin.disconnect();
    }
  }
}
