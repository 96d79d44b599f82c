import { Producer } from 'kafkajs';
import { isolatedEnv } from '@lr/testing';
import { BatchingProducer } from './batching-producer';
import { KafkaClient } from './kafka-client';
import { KafkaOptions } from './kafka-options';
import { TopicPartitionCounts } from './topic-partition-counts';
import { TopicProvisioner } from './topic-provisioner';

/** Every request each producer the client makes sends, by kafkajs API name. */
class WatchedClient extends KafkaClient {
  readonly requests: string[] = [];

  override producer(transactionalId?: string): Producer {
    const producer = super.producer(transactionalId);
    producer.on(producer.events.REQUEST, ({ payload }) => this.requests.push(payload.apiName));
    return producer;
  }
}

describe('BatchingProducer with a transactional id, on a real Kafka broker', () => {
  const env = isolatedEnv();
  const options: KafkaOptions = {
    brokers: env.KAFKA_BROKERS!.split(','),
    clientId: env.KAFKA_CLIENT_ID!,
    topicPrefix: env.KAFKA_TOPIC_PREFIX!,
    statementPartitions: 3,
    replicationFactor: 1,
    transactionalId: `${env.KAFKA_TOPIC_PREFIX}.warm-up`,
  };
  const client = new WatchedClient(options);
  const producer = new BatchingProducer(client, new TopicPartitionCounts(client), options);

  afterAll(async () => {
    await producer.onApplicationShutdown();
  });

  it('has its transactional producer id before the first write, which then only writes', async () => {
    const topic = `${env.KAFKA_TOPIC_PREFIX}.warm-up`;
    await new TopicProvisioner(client, options).ensure([{ topic }]);
    await producer.onApplicationBootstrap();
    expect(client.requests).toContain('InitProducerId');
    client.requests.length = 0;
    const records = await producer.sendAll(
      Array.from({ length: 9 }, (_, i) => ({ topic, key: `learner-${i}`, value: `m${i}` })),
    );
    expect(new Set(records.map((r) => r.partition)).size).toBeGreaterThan(1);
    expect(client.requests).not.toContain('InitProducerId');
    expect(client.requests).toEqual(expect.arrayContaining(['AddPartitionsToTxn', 'EndTxn']));
  });
});
