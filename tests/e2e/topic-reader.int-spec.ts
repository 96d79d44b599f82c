import { Kafka, logLevel } from 'kafkajs';
import { isolatedEnv } from '@lr/testing';
import { readTopic } from './topic-reader';

describe('readTopic over a real Kafka', () => {
  const env = isolatedEnv();
  const kafka = new Kafka({ brokers: env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const topic = `${env.KAFKA_TOPIC_PREFIX}.reader`;

  it('reads to the end of partitions whose last records were aborted', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({
      transactionalId: `${env.KAFKA_TOPIC_PREFIX}-reader`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const kept = await producer.transaction();
    await kept.send({ topic, messages: [{ partition: 0, value: 'kept' }] });
    await kept.commit();
    // Partition 1 holds nothing a read_committed reader may see: kafkajs filters it all out.
    const aborted = await producer.transaction();
    await aborted.send({
      topic,
      messages: [
        { partition: 0, value: 'aborted' },
        { partition: 1, value: 'aborted' },
      ],
    });
    await aborted.abort();
    await producer.disconnect();

    const records = await readTopic(env, topic);

    expect(records.map((r) => [r.partition, r.value?.toString()])).toEqual([[0, 'kept']]);
  });
});
