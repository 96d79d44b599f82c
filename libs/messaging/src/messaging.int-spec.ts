import { Test } from '@nestjs/testing';
import { INestApplicationContext } from '@nestjs/common';
import { Kafka, KafkaMessage } from 'kafkajs';
import { isolatedEnv, waitFor } from '@lr/testing';
import { KafkaModule } from './kafka.module';
import { BatchingProducer } from './batching-producer';
import { ConsumerRunner } from './consumer-runner';
import { ConsumedMessage } from './consumed-message';
import { DLQ_HEADERS } from './dead-letter-publisher';
import { PoisonMessageError } from './errors';
import { TopicProvisioner } from './topic-provisioner';
import { Topics } from './topics';

/** Against the real broker: produce with offsets, consume with retries, dead-letter poison. */
describe('messaging on a real Kafka broker', () => {
  let app: INestApplicationContext;
  let producer: BatchingProducer;
  let runner: ConsumerRunner;
  let provisioner: TopicProvisioner;
  let topics: Topics;
  const env = isolatedEnv();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        KafkaModule.forRoot({
          brokers: env.KAFKA_BROKERS!.split(','),
          clientId: env.KAFKA_CLIENT_ID!,
          topicPrefix: env.KAFKA_TOPIC_PREFIX!,
          statementPartitions: 3,
          replicationFactor: 1,
        }),
      ],
    }).compile();
    app = await moduleRef.init();
    producer = app.get(BatchingProducer);
    runner = app.get(ConsumerRunner);
    provisioner = app.get(TopicProvisioner);
    topics = app.get(Topics);
  });

  afterAll(async () => {
    await app.close();
  });

  it('provisions topics idempotently with the configured partitions', async () => {
    const topic = `${topics.statements}.provision`;
    await provisioner.ensure([{ topic }]);
    await provisioner.ensure([{ topic }]);
    const admin = new Kafka({ brokers: env.KAFKA_BROKERS!.split(','), logLevel: 0 }).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    expect(metadata.topics[0]!.partitions).toHaveLength(3);
  });

  it('reports for each concurrent send the offset the message really has', async () => {
    const topic = `${topics.statements}.offsets`;
    await provisioner.ensure([{ topic }]);
    const records = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        producer.send({ topic, key: `learner-${i % 7}`, value: `m${i}` }),
      ),
    );
    const seen = new Map<string, string>();
    const running = await runner.start({
      groupId: `${env.KAFKA_CLIENT_ID}-offsets`,
      topics: [topic],
      handle: async (messages) => {
        messages.forEach((m) => seen.set(`${m.partition}:${m.offset}`, m.value!.toString()));
      },
    });
    await waitFor(() => (seen.size >= 200 ? true : undefined), { what: '200 messages consumed' });
    await running.stop();
    records.forEach((record, i) =>
      expect(seen.get(`${record.partition}:${record.offset}`)).toBe(`m${i}`),
    );
  });

  it('retries a failing handler, commits only after success, and dead-letters poison', async () => {
    const topic = `${topics.statements}.consume`;
    const groupId = `${env.KAFKA_CLIENT_ID}-consume`;
    const dlq = topics.deadLetter(topic, groupId);
    await provisioner.ensure([
      { topic, partitions: 1 },
      { topic: dlq, partitions: 1 },
    ]);
    await producer.sendAll(
      ['a', 'b', 'poison', 'c'].map((value) => ({ topic, key: 'one-learner', value })),
    );

    let failuresLeft = 2;
    const handled: string[] = [];
    const handle = async (messages: readonly ConsumedMessage[]) => {
      if (failuresLeft-- > 0) throw new Error('database unavailable');
      if (messages.some((m) => m.value!.toString() === 'poison'))
        throw new PoisonMessageError('cannot parse');
      messages.forEach((m) => handled.push(m.value!.toString()));
    };
    const first = await runner.start({
      groupId,
      topics: [topic],
      handle,
      retry: { initialDelayMs: 50, maxDelayMs: 100 },
    });
    await waitFor(() => (handled.length >= 3 ? true : undefined), {
      what: 'good messages handled',
    });
    await first.stop();
    expect(handled).toEqual(['a', 'b', 'c']);

    const dead = await readAll(env.KAFKA_BROKERS!, dlq, 1);
    expect(dead[0]!.value!.toString()).toBe('poison');
    expect(dead[0]!.headers![DLQ_HEADERS.reason]!.toString()).toBe('cannot parse');
    expect(dead[0]!.headers![DLQ_HEADERS.sourceTopic]!.toString()).toBe(topic);

    // Committed: the same group started again receives nothing it has already handled.
    await producer.send({ topic, key: 'one-learner', value: 'd' });
    const again: string[] = [];
    const second = await runner.start({
      groupId,
      topics: [topic],
      handle: async (messages) => void again.push(...messages.map((m) => m.value!.toString())),
    });
    await waitFor(() => (again.length >= 1 ? true : undefined), {
      what: 'new message after restart',
    });
    await second.stop();
    expect(again).toEqual(['d']);
  });

  it('hands partitions fetched together to one handler call, keeping each in order', async () => {
    const topic = `${topics.statements}.merged`;
    const groupId = `${env.KAFKA_CLIENT_ID}-merged`;
    await provisioner.ensure([
      { topic },
      { topic: topics.deadLetter(topic, groupId), partitions: 1 },
    ]);
    const values = Array.from({ length: 60 }, (_, i) => (i === 31 ? 'poison' : `m${i}`));
    const sent = await producer.sendAll(
      values.map((value, i) => ({ topic, key: `learner-${i % 9}`, value })),
    );
    const calls: ConsumedMessage[][] = [];
    const handled: ConsumedMessage[] = [];
    const running = await runner.start({
      groupId,
      topics: [topic],
      concurrency: 3,
      mergePartitions: true,
      handle: async (messages) => {
        calls.push([...messages]);
        if (messages.some((m) => m.value!.toString() === 'poison'))
          throw new PoisonMessageError('cannot parse');
        handled.push(...messages);
      },
    });
    await waitFor(() => (handled.length >= 59 ? true : undefined), { what: '59 good messages' });
    await running.stop();

    const partitionsOf = (messages: ConsumedMessage[]) => new Set(messages.map((m) => m.partition));
    expect(Math.max(...calls.map((call) => partitionsOf(call).size))).toBeGreaterThan(1);
    expect(handled.map((m) => m.value!.toString()).sort()).toEqual(
      values.filter((v) => v !== 'poison').sort(),
    );
    for (const partition of new Set(sent.map((record) => record.partition))) {
      const offsets = handled.filter((m) => m.partition === partition).map((m) => Number(m.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
    const dead = await readAll(env.KAFKA_BROKERS!, topics.deadLetter(topic, groupId), 1);
    expect(dead[0]!.value!.toString()).toBe('poison');
  });
});

async function readAll(brokers: string, topic: string, count: number): Promise<KafkaMessage[]> {
  const kafka = new Kafka({ brokers: brokers.split(','), logLevel: 0 });
  const consumer = kafka.consumer({ groupId: `reader-${Date.now()}` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  await waitFor(() => (messages.length >= count ? true : undefined), {
    what: `${count} message(s) on ${topic}`,
  });
  await consumer.disconnect();
  return messages;
}
