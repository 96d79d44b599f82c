import { IHeaders, Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { waitFor } from '@lr/testing';
import { LEARNER_KEYS_COLLECTION, openWith, sealedKeyIdOf } from '@lr/xapi';

export interface RawRecord {
  readonly partition: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** Reads a whole topic, committed records only, as a read_committed consumer sees it. */
export async function readTopic(env: Record<string, string>, topic: string): Promise<RawRecord[]> {
  const kafka = new Kafka({ brokers: env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const reached = new Map(ends.map((end) => [end.partition, Number(end.low)]));
  const records: RawRecord[] = [];
  const consumer = kafka.consumer({ groupId: `e2e-${randomUUID()}`, readUncommitted: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    // Fetches whose records were all filtered out (aborted, or markers alone) never reach
    // eachBatch, but the end of every fetch is reported here.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      reached.set(payload.partition, Number(payload.lastOffset) + 1);
    });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          records.push({
            partition: batch.partition,
            key: m.key,
            value: m.value,
            headers: m.headers ?? {},
          });
        }
        await Promise.resolve();
      },
    });
    await waitFor(
      () =>
        ends.every((end) => (reached.get(end.partition) ?? 0) >= Number(end.high))
          ? true
          : undefined,
      { timeoutMs: 60_000, what: `${topic} to be read to its end` },
    );
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/**
 * The values of records as anyone holding the database could read them: plain ones as they are,
 * sealed ones opened with whatever learner keys still exist. Sealed records whose key is gone
 * are counted, not returned.
 */
export async function readableValues(
  env: Record<string, string>,
  records: readonly RawRecord[],
): Promise<{ readable: string[]; unreadable: number }> {
  const mongo = await MongoClient.connect(env.MONGO_URL!, { directConnection: true });
  try {
    const keys = await mongo
      .db(env.MONGO_DATABASE)
      .collection<{ _id: string; key: { buffer: Uint8Array } }>(LEARNER_KEYS_COLLECTION)
      .find({})
      .toArray();
    const byId = new Map(keys.map((doc) => [doc._id, Buffer.from(doc.key.buffer)]));
    const readable: string[] = [];
    let unreadable = 0;
    for (const record of records) {
      const keyId = sealedKeyIdOf(record.headers);
      if (keyId === undefined) {
        readable.push(record.value?.toString('utf8') ?? '');
        continue;
      }
      const key = byId.get(keyId);
      if (key && record.value) readable.push(openWith(key, keyId, record.value).toString('utf8'));
      else unreadable++;
    }
    return { readable, unreadable };
  } finally {
    await mongo.close();
  }
}
