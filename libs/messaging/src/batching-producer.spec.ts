import { ProducerBatch } from 'kafkajs';
import { runWithTelemetry } from '@lr/observability';
import { BatchingProducer } from './batching-producer';
import { ProducerUnavailableError } from './errors';
import { KafkaClient } from './kafka-client';
import { KafkaOptions } from './kafka-options';
import { TopicPartitionCounts } from './topic-partition-counts';

class FakeProducer {
  readonly batches: ProducerBatch[] = [];
  failNext = false;
  private offsets = new Map<string, number>();
  events = { DISCONNECT: 'producer.disconnect' };
  on() {}
  async connect() {}
  async disconnect() {}
  async sendBatch(batch: ProducerBatch) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.batches.push(batch);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('broker gone');
    }
    const perPartition = new Map<string, { topicName: string; partition: number; count: number }>();
    for (const { topic, messages } of batch.topicMessages ?? []) {
      for (const m of messages) {
        const slot = `${topic}:${m.partition}`;
        const entry = perPartition.get(slot) ?? {
          topicName: topic,
          partition: m.partition!,
          count: 0,
        };
        entry.count++;
        perPartition.set(slot, entry);
      }
    }
    return [...perPartition.entries()].map(([slot, { topicName, partition, count }]) => {
      const base = this.offsets.get(slot) ?? 0;
      this.offsets.set(slot, base + count);
      return { topicName, partition, errorCode: 0, baseOffset: String(base) };
    });
  }
}

describe('BatchingProducer', () => {
  const options: KafkaOptions = {
    brokers: ['x:1'],
    clientId: 'test',
    topicPrefix: 't',
    statementPartitions: 3,
    replicationFactor: 1,
    maxQueuedMessages: 100,
  };
  let fake: FakeProducer;
  let producer: BatchingProducer;

  beforeEach(() => {
    fake = new FakeProducer();
    const client = { producer: () => fake } as unknown as KafkaClient;
    const counts = { forTopics: async (topics: string[]) => new Map(topics.map((t) => [t, 3])) };
    producer = new BatchingProducer(client, counts as unknown as TopicPartitionCounts, options);
  });

  it('coalesces concurrent sends into few requests and reports each offset', async () => {
    const sends = Array.from({ length: 30 }, (_, i) =>
      producer.send({ topic: 'a', key: `k${i % 4}`, value: `v${i}` }),
    );
    const records = await Promise.all(sends);
    expect(fake.batches.length).toBeLessThan(5);
    const byPartition = new Map<number, string[]>();
    records.forEach((r) =>
      byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r.offset]),
    );
    for (const offsets of byPartition.values()) {
      expect(offsets).toEqual(offsets.map((_, i) => String(i)));
    }
  });

  it('keeps one key on one partition, in send order', async () => {
    const records = await producer.sendAll(
      Array.from({ length: 10 }, (_, i) => ({ topic: 'a', key: 'same-learner', value: `v${i}` })),
    );
    expect(new Set(records.map((r) => r.partition)).size).toBe(1);
    expect(records.map((r) => Number(r.offset))).toEqual([...Array(10).keys()]);
  });

  it('fails every send of a failed request with a retriable error', async () => {
    fake.failNext = true;
    await expect(producer.send({ topic: 'a', key: 'k', value: 'v' })).rejects.toBeInstanceOf(
      ProducerUnavailableError,
    );
    await expect(producer.send({ topic: 'a', key: 'k', value: 'v' })).resolves.toMatchObject({
      topic: 'a',
    });
  });

  it('refuses new sends beyond the queue bound instead of growing without limit', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ topic: 'a', key: `k${i}`, value: 'v' }));
    await expect(producer.sendAll(many)).rejects.toThrow('too many messages waiting');
  });

  it("stamps the sending work's correlation id on its records; a record's own headers win", async () => {
    await runWithTelemetry({ correlationId: 'req-7' }, () =>
      producer.sendAll([
        { topic: 'a', key: 'k1', value: 'v' },
        { topic: 'a', key: 'k2', value: 'v', headers: { 'x-correlation-id': 'original', h: '1' } },
      ]),
    );
    await producer.send({ topic: 'a', key: 'k3', value: 'v' });
    const headers = fake.batches.flatMap((b) =>
      (b.topicMessages ?? []).flatMap((t) => t.messages.map((m) => [m.key, m.headers])),
    );
    expect(Object.fromEntries(headers)).toEqual({
      k1: { 'x-correlation-id': 'req-7' },
      k2: { 'x-correlation-id': 'original', h: '1' },
      k3: undefined,
    });
  });
});
