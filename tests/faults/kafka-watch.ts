import { Admin, Kafka, logLevel } from 'kafkajs';

/** Reads the suite's topics from outside the apps: consumer lag, and the events on a topic. */
export class KafkaWatch {
  private readonly kafka: Kafka;
  private admin: Admin | undefined;

  constructor(brokers: string) {
    this.kafka = new Kafka({
      clientId: 'fault-suite',
      brokers: [brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
    });
  }

  /**
   * Records a group has still to read. A transaction's commit marker takes an offset of its own,
   * so a partition whose group is one short of the high watermark is caught up.
   */
  async lag(group: string, topic: string): Promise<number> {
    const admin = await this.connected();
    const [ends, [committed]] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId: group, topics: [topic] }),
    ]);
    const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((sum, end) => {
      const from = Math.max(at.get(end.partition) ?? -1, Number(end.low));
      return sum + Math.max(0, Number(end.high) - 1 - from);
    }, 0);
  }

  /** Records on dead-letter topics (of this prefix): each one is a message a consumer gave up on. */
  async deadLettered(prefix: string): Promise<number> {
    const admin = await this.connected();
    const topics = (await admin.listTopics()).filter(
      (t) => t.startsWith(`${prefix}.`) && t.endsWith('.dlq'),
    );
    let records = 0;
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic))
        records += Number(p.high) - Number(p.low);
    }
    return records;
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}
