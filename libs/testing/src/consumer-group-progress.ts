import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from './wait-for';

/**
 * Waits until a consumer group has committed offsets up to the end of every partition of a topic:
 * everything produced before the call has then been processed by that group.
 */
export async function waitForGroupAtEnd(
  brokers: string,
  groupId: string,
  topic: string,
  timeoutMs = 120_000,
): Promise<void> {
  const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const at = new Map(
          (committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
        );
        // A transaction's commit marker may follow the last record: one short of the end is done.
        return ends.every((end) => (at.get(end.partition) ?? -1) >= Number(end.high) - 1)
          ? true
          : undefined;
      },
      { timeoutMs, intervalMs: 500, what: `${groupId} to reach the end of ${topic}` },
    );
  } finally {
    await admin.disconnect();
  }
}
