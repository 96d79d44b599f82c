import { Admin, EachBatchPayload, Kafka, logLevel, Producer, RequestEvent } from 'kafkajs';
import { isolatedEnv, waitFor } from '@lr/testing';
import { installKafkajsRequestSavings } from './kafkajs-request-savings';

/** Counts what kafkajs actually sends to the real broker, by API. */
function countRequests(
  subscribe: (listener: (event: RequestEvent) => void) => unknown,
): Map<string, number> {
  const counts = new Map<string, number>();
  subscribe(({ payload }) => counts.set(payload.apiName, (counts.get(payload.apiName) ?? 0) + 1));
  return counts;
}

async function inTransaction(producer: Producer, topic: string, key: string): Promise<void> {
  const transaction = await producer.transaction();
  await transaction.send({ topic, messages: [{ key, value: 'v' }] });
  await transaction.commit();
}

describe('kafkajs request savings, against the real broker', () => {
  const env = isolatedEnv();
  const topic = `${env.KAFKA_TOPIC_PREFIX}.savings`;
  const kafka = new Kafka({
    clientId: env.KAFKA_CLIENT_ID,
    brokers: env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin;

  beforeAll(async () => {
    installKafkajsRequestSavings();
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    // A fresh broker answers "coordinator loading" for a while: counting starts once it serves.
    await waitFor(() => admin.fetchOffsets({ groupId: `${topic}.group`, topics: [topic] }), {
      timeoutMs: 60_000,
      what: 'the group coordinator',
    });
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('looks up the transaction coordinator once for many transactions', async () => {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      transactionalId: `${env.KAFKA_CLIENT_ID}-savings`,
    });
    await producer.connect();
    await waitFor(() => inTransaction(producer, topic, 'warm-up').then(() => true), {
      timeoutMs: 60_000,
      what: 'the transaction coordinator',
    });
    const counts = countRequests((listener) => producer.on(producer.events.REQUEST, listener));
    for (let i = 0; i < 10; i++) {
      await inTransaction(producer, topic, `k${i}`);
    }
    await producer.disconnect();

    expect(counts.get('EndTxn')).toBe(10);
    expect(counts.get('GroupCoordinator') ?? 0).toBeLessThanOrEqual(1);
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBeGreaterThanOrEqual(11);
  });

  it('lets an admin client fetch a group’s offsets without a lookup and a metadata refresh each time', async () => {
    const counts = countRequests((listener) => admin.on(admin.events.REQUEST, listener));
    for (let i = 0; i < 10; i++) {
      const [offsets] = await admin.fetchOffsets({ groupId: `${topic}.group`, topics: [topic] });
      expect(offsets!.partitions).toHaveLength(2);
    }

    expect(counts.get('OffsetFetch')).toBe(10);
    expect(counts.get('GroupCoordinator') ?? 0).toBeLessThanOrEqual(1);
    expect(counts.get('Metadata') ?? 0).toBeLessThanOrEqual(1);
  });

  it('asks again once a lookup is older than a second', async () => {
    let clock = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
    try {
      const counts = countRequests((listener) => admin.on(admin.events.REQUEST, listener));
      await admin.fetchOffsets({ groupId: `${topic}.aged`, topics: [topic] });
      clock += 1_500;
      await admin.fetchOffsets({ groupId: `${topic}.aged`, topics: [topic] });
      expect(counts.get('GroupCoordinator')).toBe(2);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('merges a consumer’s commits asked for while one is under way, each returning once committed', async () => {
    const groupId = `${topic}.commits`;
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [0, 1].flatMap((partition) =>
        Array.from({ length: 5 }, (_, i) => ({ partition, key: `k${i}`, value: 'v' })),
      ),
    });
    await producer.disconnect();
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]),
    );
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const counts = countRequests((listener) => consumer.on(consumer.events.REQUEST, listener));
    let calls = 0;
    const committedOnReturn: number[] = [];
    const onBatch = async ({
      batch,
      resolveOffset,
      commitOffsetsIfNecessary,
    }: EachBatchPayload) => {
      resolveOffset(batch.lastOffset());
      // What the ConsumerRunner and kafkajs's own loop do between them, three times over.
      await Promise.all([1, 2, 3].map(() => (calls++, commitOffsetsIfNecessary())));
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const mine = offsets!.partitions.find((p) => p.partition === batch.partition)!;
      committedOnReturn.push(Number(mine.offset) - Number(batch.lastOffset()) - 1);
    };
    await consumer.run({
      autoCommit: true,
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 2,
      eachBatch: onBatch,
    });
    try {
      await waitFor(
        async () => {
          const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
          const done = offsets!.partitions.every((p) => Number(p.offset) === ends.get(p.partition));
          return done && committedOnReturn.length >= 2 ? true : undefined;
        },
        { timeoutMs: 60_000, what: 'both partitions consumed and committed' },
      );
    } finally {
      await consumer.disconnect();
    }

    // Every commit call returned only once its batch's offset was committed, never before.
    expect(committedOnReturn.every((ahead) => ahead >= 0)).toBe(true);
    expect(calls).toBeGreaterThanOrEqual(6);
    // Without the merging each of the calls sends its own OffsetCommit (six or more, plus the
    // loop's own after each batch): here one per batch, and one more if the two batches overlap.
    expect(counts.get('OffsetCommit')).toBeLessThanOrEqual(3);
  });
});
