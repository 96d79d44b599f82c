import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IHeaders } from 'kafkajs';
import { propagationHeaders, TelemetryContext } from '@lr/observability';
import { KafkaClient } from './kafka-client';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';
import { partitionFor } from './partitioner';
import { ProducerUnavailableError } from './errors';
import { OutgoingMessage, Pending, ProducedRecord, ProducerLane } from './producer-lane';
import { TopicPartitionCounts } from './topic-partition-counts';

export type { OutgoingMessage, ProducedRecord } from './producer-lane';

/**
 * An idempotent, acks=all producer that turns many small concurrent sends into few produce
 * requests. With a transactional id, a send whose messages span partitions goes out in a
 * transaction, so they become visible to read-committed consumers all together or not at all.
 * A send that lands on one partition needs no transaction (a partition's share of a produce
 * request is appended whole or not at all), so it takes a second, plain lane: one round trip
 * instead of three, no commit markers, and the two lanes' requests overlap.
 */
@Injectable()
export class BatchingProducer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly atomic: ProducerLane;
  private readonly plain: ProducerLane;
  /** Each lane once (without a transactional id both are the plain one). */
  private readonly lanes: readonly ProducerLane[];
  private readonly maxQueued: number;
  private readonly warmUpMs: number;
  private closed = false;

  constructor(
    client: KafkaClient,
    private readonly partitions: TopicPartitionCounts,
    @Inject(KAFKA_OPTIONS) options: KafkaOptions,
  ) {
    this.maxQueued = options.maxQueuedMessages ?? 50_000;
    this.warmUpMs = options.producerWarmUpMs ?? 30_000;
    const maxBatch = options.maxBatchMessages ?? 2_000;
    const transactionalId = options.transactionalId;
    const lingerMs = options.lingerMs ?? 0;
    this.plain = new ProducerLane('plain', () => client.producer(), maxBatch, lingerMs);
    this.atomic = transactionalId
      ? new ProducerLane(
          'transactional',
          () => client.producer(transactionalId),
          maxBatch,
          lingerMs,
        )
      : this.plain;
    this.lanes = [...new Set([this.atomic, this.plain])];
  }

  /** Sends one message; resolves once every in-sync replica has it, with its offset. */
  send(message: OutgoingMessage, work?: TelemetryContext): Promise<ProducedRecord> {
    return this.sendAll([message], work).then(([record]) => record!);
  }

  /**
   * Sends messages in one go, all or nothing; they reach the log in the given order per
   * partition. They carry the correlation (and trace) of the work given, else the current one.
   */
  async sendAll(
    messages: readonly OutgoingMessage[],
    work?: TelemetryContext,
  ): Promise<ProducedRecord[]> {
    if (this.closed) throw new ProducerUnavailableError('producer is shutting down');
    if (this.queuedMessages + messages.length > this.maxQueued) {
      throw new ProducerUnavailableError('too many messages waiting for Kafka', 1);
    }
    const counts = await this.partitions.forTopics(messages.map((m) => m.topic)).catch((error) => {
      throw new ProducerUnavailableError(`Kafka metadata unavailable: ${String(error)}`);
    });
    const context = propagationHeaders(undefined, work);
    const pending: Pending[] = [];
    const results = messages.map(
      (message) =>
        new Promise<ProducedRecord>((resolve, reject) => {
          const partition = partitionFor(
            message.partitionKey ?? message.key,
            counts.get(message.topic)!,
          );
          const headers = withContext(message.headers, context);
          pending.push({ message, partition, headers, resolve, reject });
        }),
    );
    this.laneFor(pending).enqueue(pending);
    return Promise.all(results);
  }

  /**
   * Nest finishes bootstrapping, and so starts listening, only after this: an app that writes
   * transactions is not ready before its transactional producer can write. Apps without a
   * transactional id (some need no Kafka to serve) do not wait on Kafka here.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.atomic === this.plain) return;
    await this.atomic.warmUp(Date.now() + this.warmUpMs);
  }

  get queuedMessages(): number {
    return this.lanes.reduce((total, lane) => total + lane.queued, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    while (this.lanes.some((lane) => !lane.idle)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all(this.lanes.map((lane) => lane.disconnect()));
  }

  private laneFor(pending: readonly Pending[]): ProducerLane {
    const first = pending[0];
    const onePartition = pending.every(
      (p) => p.partition === first?.partition && p.message.topic === first.message.topic,
    );
    return onePartition ? this.plain : this.atomic;
  }
}

function withContext(
  own: IHeaders | undefined,
  context: Record<string, string> | undefined,
): IHeaders | undefined {
  if (!context) return own;
  return own ? { ...context, ...own } : context;
}
