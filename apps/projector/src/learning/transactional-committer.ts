import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { KafkaClient, partitionFor, TopicPartitionCounts } from '@lr/messaging';
import { JournalOutput } from './learning-journal';

const MAX_CHUNK_BYTES = 256 * 1024;

export interface OffsetCommit {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  /** The next offset to consume. */
  readonly offset: number;
}

/**
 * The consumer group's own offset commit, outside any transaction. A batch with no events has
 * nothing to commit atomically with its offset, and a transaction costs the broker three requests
 * and a commit marker where this is one request (at single-statement ingest the learning group ran
 * about a hundred empty transactions a second).
 */
export type PlainOffsetCommit = (offset: OffsetCommit) => Promise<void>;

/**
 * Publishes a batch's events and commits its consumer offset in one Kafka transaction, so the
 * events are on the log exactly when the batch counts as consumed. One transaction at a time per
 * producer, hence the queue. The transactional id is stable per instance, so a restarted
 * instance fences its predecessor and aborts whatever it left open.
 */
@Injectable()
export class TransactionalCommitter implements OnApplicationShutdown {
  private readonly logger = new Logger(TransactionalCommitter.name);
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private transactionalId = '';

  constructor(
    private readonly client: KafkaClient,
    private readonly partitions: TopicPartitionCounts,
  ) {}

  configure(transactionalId: string): void {
    this.transactionalId = transactionalId;
  }

  /**
   * With no outputs and a plain commit given, commits the offset with that instead. It still
   * waits its turn behind earlier transactions, and the group coordinator orders offset commits by
   * their place in its log, so an earlier transaction's offset cannot overtake it.
   */
  commit(
    outputs: readonly JournalOutput[],
    offset: OffsetCommit,
    plain?: PlainOffsetCommit,
  ): Promise<void> {
    const run = this.tail.then(() =>
      outputs.length === 0 && plain ? plain(offset) : this.transact(outputs, offset),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tail;
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async transact(outputs: readonly JournalOutput[], offset: OffsetCommit): Promise<void> {
    const producer = await this.connect();
    const counts = await this.partitions.forTopics(outputs.map((output) => output.topic));
    const transaction = await producer.transaction();
    try {
      // A record batch must stay under the broker's message size limit (1 MiB by default).
      for (const chunk of chunksOf(outputs, MAX_CHUNK_BYTES)) {
        await transaction.sendBatch({
          acks: -1,
          topicMessages: [...groupByTopic(chunk)].map(([topic, messages]) => ({
            topic,
            messages: messages.map((output) => ({
              key: output.key,
              value: output.binary ? Buffer.from(output.value, 'base64') : output.value,
              headers: { ...output.headers },
              partition: partitionFor(output.partitionKey ?? output.key, counts.get(topic)!),
            })),
          })),
        });
      }
      await whileTransactionsConcurrent(() =>
        transaction.sendOffsets({
          consumerGroupId: offset.groupId,
          topics: [
            {
              topic: offset.topic,
              partitions: [{ partition: offset.partition, offset: String(offset.offset) }],
            },
          ],
        }),
      );
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => this.reset());
      throw error;
    }
  }

  private connect(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      const producer = this.client.producer(this.transactionalId);
      await producer.connect();
      this.producer = producer;
      return producer;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** After a failed abort the producer's state is unknown: start again with a fresh one. */
  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.logger.warn('transactional producer reset after a failed abort');
    await producer?.disconnect().catch(() => undefined);
  }
}

/**
 * Retries an operation the transaction coordinator refused with CONCURRENT_TRANSACTIONS: right
 * after a commit it may still be writing the previous transaction's markers. kafkajs retries
 * AddPartitionsToTxn on it but not AddOffsetsToTxn (tulios/kafkajs#430, #1068), and aborting the
 * whole batch over it only repeats the work.
 */
export async function whileTransactionsConcurrent<T>(
  operation: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  attempts = 8,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isConcurrentTransactions(error) || attempt >= attempts) throw error;
      // The previous commit's markers take milliseconds to write: retry soon, then back off.
      await sleep(10 * attempt);
    }
  }
}

/** kafkajs throws the broker's error, or wraps it once its own retries are spent. */
function isConcurrentTransactions(error: unknown): boolean {
  const { type, originalError } = (error ?? {}) as { type?: unknown; originalError?: unknown };
  if (type === 'CONCURRENT_TRANSACTIONS') return true;
  return originalError !== undefined && isConcurrentTransactions(originalError);
}

/** Consecutive runs of outputs whose keys and values add up to at most maxBytes (at least one each). */
export function chunksOf(outputs: readonly JournalOutput[], maxBytes: number): JournalOutput[][] {
  const chunks: JournalOutput[][] = [];
  let current: JournalOutput[] = [];
  let bytes = 0;
  for (const output of outputs) {
    const size = Buffer.byteLength(output.value) + Buffer.byteLength(output.key) + 64;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(output);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function groupByTopic(outputs: readonly JournalOutput[]): Map<string, JournalOutput[]> {
  const byTopic = new Map<string, JournalOutput[]>();
  for (const output of outputs)
    byTopic.set(output.topic, [...(byTopic.get(output.topic) ?? []), output]);
  return byTopic;
}
