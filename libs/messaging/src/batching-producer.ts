import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { IHeaders, Producer, ProducerBatch, RecordMetadata, TopicMessages } from 'kafkajs';
import { KafkaClient } from './kafka-client';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';
import { partitionFor } from './partitioner';
import { ProducerUnavailableError } from './errors';
import { TopicPartitionCounts } from './topic-partition-counts';

export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer | string;
  readonly headers?: IHeaders;
  /**
   * Chooses the partition instead of `key` when the key must not carry what orders the records
   * (a learner's records are ordered by learner but keyed by a random key id).
   */
  readonly partitionKey?: string;
  /**
   * Epoch ms after which the message must not become visible: a transactional flush that
   * reaches this point before committing aborts instead. Lets writers bound how far behind
   * their own clock a record can appear in the log.
   */
  readonly deadline?: number;
}

export interface ProducedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

interface Pending {
  readonly message: OutgoingMessage;
  readonly partition: number;
  readonly resolve: (record: ProducedRecord) => void;
  readonly reject: (error: Error) => void;
}

/**
 * An idempotent, acks=all producer that turns many small concurrent sends into few produce
 * requests. kafkajs has no linger: here, whatever arrives while one request is in flight goes
 * into the next one, so batches grow with load and latency stays one round trip when idle.
 */
@Injectable()
export class BatchingProducer implements OnApplicationShutdown {
  private readonly logger = new Logger(BatchingProducer.name);
  private producer: Producer;
  private readonly transactional: boolean;
  private readonly queue: Pending[] = [];
  private readonly maxQueued: number;
  private readonly maxBatch: number;
  private connected: Promise<void> | undefined;
  private flushing = false;
  private closed = false;

  constructor(
    private readonly client: KafkaClient,
    private readonly partitions: TopicPartitionCounts,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {
    this.transactional = Boolean(options.transactionalId);
    this.producer = this.createProducer();
    this.maxQueued = options.maxQueuedMessages ?? 50_000;
    this.maxBatch = options.maxBatchMessages ?? 2_000;
  }

  /** Sends one message; resolves once every in-sync replica has it, with its offset. */
  send(message: OutgoingMessage): Promise<ProducedRecord> {
    return this.sendAll([message]).then(([record]) => record!);
  }

  /** Sends messages in one go; they reach the log in the given order per partition. */
  async sendAll(messages: readonly OutgoingMessage[]): Promise<ProducedRecord[]> {
    if (this.closed) throw new ProducerUnavailableError('producer is shutting down');
    if (this.queue.length + messages.length > this.maxQueued) {
      throw new ProducerUnavailableError('too many messages waiting for Kafka', 1);
    }
    const counts = await this.partitions.forTopics(messages.map((m) => m.topic)).catch((error) => {
      throw new ProducerUnavailableError(`Kafka metadata unavailable: ${String(error)}`);
    });
    const results = messages.map(
      (message) =>
        new Promise<ProducedRecord>((resolve, reject) => {
          const partition = partitionFor(
            message.partitionKey ?? message.key,
            counts.get(message.topic)!,
          );
          this.queue.push({ message, partition, resolve, reject });
        }),
    );
    this.scheduleFlush();
    return Promise.all(results);
  }

  get queuedMessages(): number {
    return this.queue.length;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.queue.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.producer.disconnect();
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => void this.flushLoop());
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.sendBatch(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    try {
      await this.ensureConnected();
      const record = { acks: -1, topicMessages: toTopicMessages(batch) };
      settle(
        batch,
        this.transactional
          ? await this.inTransaction(record, earliestDeadline(batch))
          : await this.producer.sendBatch(record),
      );
    } catch (error) {
      this.logger.warn(`produce of ${batch.length} message(s) failed: ${String(error)}`);
      await this.replaceProducer();
      const failure = new ProducerUnavailableError(
        `Kafka did not accept the write: ${String(error)}`,
      );
      batch.forEach((pending) => pending.reject(failure));
    }
  }

  private async inTransaction(record: ProducerBatch, deadline: number): Promise<RecordMetadata[]> {
    const transaction = await this.producer.transaction();
    try {
      const metadata = await transaction.sendBatch(record);
      if (Date.now() > deadline) throw new Error('write missed its deadline; aborted');
      await transaction.commit();
      return metadata;
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  }

  /**
   * After a failure the old producer's idempotence or transaction state may be unusable; a new
   * one (same transactional id) fences it off and aborts whatever it left open.
   */
  private async replaceProducer(): Promise<void> {
    const old = this.producer;
    this.producer = this.createProducer();
    this.connected = undefined;
    await old.disconnect().catch(() => undefined);
  }

  private createProducer(): Producer {
    const producer = this.client.producer(this.options.transactionalId);
    producer.on(producer.events.DISCONNECT, () => {
      if (this.producer === producer) this.connected = undefined;
    });
    return producer;
  }

  private ensureConnected(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}

function earliestDeadline(batch: readonly Pending[]): number {
  return batch.reduce((min, p) => Math.min(min, p.message.deadline ?? Infinity), Infinity);
}

function toTopicMessages(batch: readonly Pending[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const { message, partition } of batch) {
    let entry = byTopic.get(message.topic);
    if (!entry) {
      entry = { topic: message.topic, messages: [] };
      byTopic.set(message.topic, entry);
    }
    entry.messages.push({
      key: message.key,
      value: message.value,
      partition,
      headers: message.headers,
    });
  }
  return [...byTopic.values()];
}

/**
 * kafkajs reports one base offset per partition; messages of a partition are appended in the
 * order we sent them, so each message's offset is the base plus its position.
 */
function settle(
  batch: readonly Pending[],
  metadata: ReadonlyArray<{ topicName: string; partition: number; baseOffset?: string }>,
): void {
  const next = new Map<string, bigint>();
  for (const m of metadata) next.set(`${m.topicName}:${m.partition}`, BigInt(m.baseOffset ?? '0'));
  for (const pending of batch) {
    const slot = `${pending.message.topic}:${pending.partition}`;
    const offset = next.get(slot);
    if (offset === undefined) {
      pending.reject(new ProducerUnavailableError(`no acknowledgement for ${slot}`));
      continue;
    }
    next.set(slot, offset + 1n);
    pending.resolve({
      topic: pending.message.topic,
      partition: pending.partition,
      offset: offset.toString(),
    });
  }
}
