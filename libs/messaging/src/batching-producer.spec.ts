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
  /** connect() fails this many more times, as while a transaction coordinator loads. */
  refuseConnects = 0;
  connects = 0;
  on() {}
  async connect() {
    this.connects++;
    if (this.refuseConnects > 0) {
      this.refuseConnects--;
      throw new Error('The coordinator is loading');
    }
  }
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

/** Records what each transaction sent and how it ended. */
class FakeTransactionalProducer extends FakeProducer {
  readonly outcomes: ('committed' | 'aborted')[] = [];
  /**
   * As kafkajs: the first transaction() gets the transactional producer id from the
   * coordinator, and fails this many more times while the coordinator loads.
   */
  refuseInits = 0;
  initAttempts = 0;
  private initialised = false;
  async transaction() {
    if (!this.initialised) {
      this.initAttempts++;
      if (this.refuseInits > 0) {
        this.refuseInits--;
        throw new Error('The coordinator is loading');
      }
      this.initialised = true;
    }
    let sent = false;
    return {
      sendBatch: (batch: ProducerBatch) => {
        sent = true;
        return this.sendBatch(batch);
      },
      commit: async () => void this.outcomes.push('committed'),
      // kafkajs sends no EndTxn for a transaction that sent nothing.
      abort: async () => void (sent && this.outcomes.push('aborted')),
    };
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

  /** A BatchingProducer over fakes (by transactional id), on topics of three partitions. */
  const producerOn = (
    producerFor: (transactionalId?: string) => FakeProducer,
    extra: Partial<KafkaOptions> = {},
  ) =>
    new BatchingProducer(
      { producer: producerFor } as unknown as KafkaClient,
      {
        forTopics: async (topics: string[]) => new Map(topics.map((t) => [t, 3])),
      } as unknown as TopicPartitionCounts,
      { ...options, ...extra },
    );

  beforeEach(() => {
    fake = new FakeProducer();
    producer = producerOn(() => fake);
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

  it('with a linger, lets a send arriving within it join the flush', async () => {
    const lingering = producerOn(() => fake, { lingerMs: 30 });
    const first = lingering.send({ topic: 'a', key: 'k1', value: 'v1' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([first, lingering.send({ topic: 'a', key: 'k2', value: 'v2' })]);
    expect(fake.batches).toHaveLength(1);
  });

  it('without a linger, sends at once and lets later sends wait for the next flush', async () => {
    const first = producer.send({ topic: 'a', key: 'k1', value: 'v1' });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await Promise.all([first, producer.send({ topic: 'a', key: 'k2', value: 'v2' })]);
    expect(fake.batches).toHaveLength(2);
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

  it('never splits one send across produce requests, whatever the batch bound', async () => {
    const small = producerOn(() => fake, { maxBatchMessages: 5 });
    const send = (name: string, size: number) =>
      small.sendAll(
        Array.from({ length: size }, (_, i) => ({ topic: 'a', key: `${name}${i}`, value: 'v' })),
      );
    await Promise.all([send('a', 1), send('b', 3), send('c', 4), send('d', 7)]);
    const requests = fake.batches.map((b) =>
      (b.topicMessages ?? []).flatMap((t) => t.messages.map((m) => String(m.key)[0])),
    );
    for (const name of ['a', 'b', 'c', 'd']) {
      expect(requests.filter((keys) => keys.includes(name))).toHaveLength(1);
    }
    // Whole sends up to the bound share a request; the 7-message send goes alone.
    expect(requests.map((keys) => [...new Set(keys)].join(''))).toEqual(['ab', 'c', 'd']);
    expect(requests.flat()).toHaveLength(15);
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

  it('stamps the work given over the current one (requests hand theirs on explicitly)', async () => {
    await runWithTelemetry({ correlationId: 'ambient' }, () =>
      producer.sendAll([{ topic: 'a', key: 'k1', value: 'v' }], { correlationId: 'req-8' }),
    );
    await producer.send({ topic: 'a', key: 'k2', value: 'v' }, { correlationId: 'req-9' });
    const headers = fake.batches.flatMap((b) =>
      (b.topicMessages ?? []).flatMap((t) => t.messages.map((m) => [m.key, m.headers])),
    );
    expect(Object.fromEntries(headers)).toEqual({
      k1: { 'x-correlation-id': 'req-8' },
      k2: { 'x-correlation-id': 'req-9' },
    });
  });

  it('does not wait on Kafka at boot without a transactional id', async () => {
    fake.refuseConnects = 1_000;
    await producer.onApplicationBootstrap();
    expect(fake.connects).toBe(0);
  });

  describe('with a transactional id', () => {
    let plain: FakeProducer;
    let transactional: FakeTransactionalProducer;

    beforeEach(() => {
      plain = new FakeProducer();
      transactional = new FakeTransactionalProducer();
      producer = producerOn((id) => (id === 'tx-1' ? transactional : plain), {
        transactionalId: 'tx-1',
      });
    });

    const keysOf = (fake: FakeProducer) =>
      fake.batches.flatMap((b) =>
        (b.topicMessages ?? []).flatMap((t) => t.messages.map((m) => m.key)),
      );

    it('sends what spans partitions in a transaction, and what lands on one partition plainly', async () => {
      const spread = Array.from({ length: 12 }, (_, i) => ({
        topic: 'a',
        key: `k${i}`,
        value: 'v',
      }));
      const onePartition = [1, 2, 3].map((i) => ({
        topic: 'a',
        key: `one-${i}`,
        partitionKey: 'same-learner',
        value: 'v',
      }));
      const [spreadRecords, oneRecords] = await Promise.all([
        producer.sendAll(spread),
        producer.sendAll(onePartition),
      ]);
      expect(new Set(spreadRecords.map((r) => r.partition)).size).toBeGreaterThan(1);
      expect(new Set(oneRecords.map((r) => r.partition)).size).toBe(1);
      expect(keysOf(transactional).sort()).toEqual(spread.map((m) => m.key).sort());
      expect(transactional.outcomes).toEqual(['committed']);
      expect(keysOf(plain)).toEqual(['one-1', 'one-2', 'one-3']);
    });

    it('connects the transactional producer at boot, trying again until the coordinator answers', async () => {
      transactional.refuseConnects = 2;
      await producer.onApplicationBootstrap();
      expect(transactional.connects).toBe(3);
      expect(plain.connects).toBe(0);
      await producer.sendAll(
        Array.from({ length: 6 }, (_, i) => ({ topic: 'a', key: `k${i}`, value: 'v' })),
      );
      expect(transactional.connects).toBe(3);
      expect(transactional.outcomes).toEqual(['committed']);
    });

    it('obtains the transactional producer id at boot, not in the first write', async () => {
      transactional.refuseInits = 2;
      await producer.onApplicationBootstrap();
      expect(transactional.initAttempts).toBe(3);
      await producer.sendAll(
        Array.from({ length: 6 }, (_, i) => ({ topic: 'a', key: `k${i}`, value: 'v' })),
      );
      expect(transactional.initAttempts).toBe(3);
      expect(transactional.outcomes).toEqual(['committed']);
    });

    it('boots anyway when Kafka never answers in time, and connects on the first send', async () => {
      producer = producerOn((id) => (id ? transactional : plain), {
        transactionalId: 'tx-1',
        producerWarmUpMs: 100,
      });
      transactional.refuseConnects = 1_000;
      await producer.onApplicationBootstrap();
      expect(transactional.connects).toBe(1);
      transactional.refuseConnects = 0;
      await producer.sendAll(
        Array.from({ length: 6 }, (_, i) => ({ topic: 'a', key: `k${i}`, value: 'v' })),
      );
      expect(transactional.connects).toBe(2);
      expect(transactional.outcomes).toEqual(['committed']);
    });

    it('aborts a transaction that reaches a deadline before committing', async () => {
      const late = Date.now() + 2;
      const spread = Array.from({ length: 6 }, (_, i) => ({
        topic: 'a',
        key: `k${i}`,
        value: 'v',
        deadline: late,
      }));
      await expect(producer.sendAll(spread)).rejects.toThrow('deadline');
      expect(transactional.outcomes).toEqual(['aborted']);
    });

    it('does not send a plain message past its deadline, and sends the others', async () => {
      const late = producer.send({ topic: 'a', key: 'late', value: 'v', deadline: Date.now() - 1 });
      const onTime = producer.send({ topic: 'a', key: 'on-time', value: 'v' });
      await expect(late).rejects.toThrow('deadline');
      await expect(onTime).resolves.toMatchObject({ topic: 'a' });
      expect(keysOf(plain)).toEqual(['on-time']);
    });
  });
});
