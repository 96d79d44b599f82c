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
 * about a hundred empty transactions a second). It takes several partitions' offsets at once.
 */
export type PlainOffsetCommit = (offsets: readonly OffsetCommit[]) => Promise<void>;

interface Waiting {
  readonly outputs: readonly JournalOutput[];
  readonly offset: OffsetCommit;
  readonly plain: PlainOffsetCommit | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Publishes a batch's events and commits its consumer offset in one Kafka transaction, so the
 * events are on the log exactly when the batch counts as consumed. One transaction at a time per
 * producer, so commits wait in a queue; those waiting together (the partitions of one fetch, which
 * finish side by side) go in one transaction, or one plain commit when none has events, instead
 * of one each. A failure fails them all, and each batch retries as after a failure of its own.
 * The transactional id is stable per instance, so a restarted instance fences its predecessor and
 * aborts whatever it left open.
 */
@Injectable()
export class TransactionalCommitter implements OnApplicationShutdown {
  private readonly logger = new Logger(TransactionalCommitter.name);
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  private waiting: Waiting[] = [];
  private draining: Promise<void> | undefined;
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
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ outputs, offset, plain, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.draining;
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    // Let the commits of batches finishing in this turn join the first.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const together = this.waiting.splice(0);
      try {
        await this.commitTogether(together);
        for (const commit of together) commit.resolve();
      } catch (error) {
        for (const commit of together) commit.reject(error);
      }
    }
    // In the same synchronous step as the last look at the queue, so no commit is left waiting.
    this.draining = undefined;
  }

  private commitTogether(together: readonly Waiting[]): Promise<void> {
    const plain = together[0]!.plain;
    const offsets = together.map((commit) => commit.offset);
    if (plain && together.every((c) => c.outputs.length === 0 && c.plain === plain)) {
      return plain(offsets);
    }
    return this.transact(
      together.flatMap((commit) => commit.outputs),
      offsets,
    );
  }

  private async transact(
    outputs: readonly JournalOutput[],
    offsets: readonly OffsetCommit[],
  ): Promise<void> {
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
      for (const [groupId, topics] of offsetsByGroup(offsets)) {
        await whileTransactionsConcurrent(() =>
          transaction.sendOffsets({ consumerGroupId: groupId, topics }),
        );
      }
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

/** sendOffsets' shape, per consumer group; a later offset of a partition replaces an earlier. */
function offsetsByGroup(offsets: readonly OffsetCommit[]) {
  const byGroup = new Map<string, Map<string, Map<number, number>>>();
  for (const { groupId, topic, partition, offset } of offsets) {
    const topics = byGroup.get(groupId) ?? new Map<string, Map<number, number>>();
    byGroup.set(groupId, topics);
    const partitions = topics.get(topic) ?? new Map<number, number>();
    topics.set(topic, partitions);
    partitions.set(partition, offset);
  }
  return [...byGroup].map(
    ([groupId, topics]) =>
      [
        groupId,
        [...topics].map(([topic, partitions]) => ({
          topic,
          partitions: [...partitions].map(([partition, offset]) => ({
            partition,
            offset: String(offset),
          })),
        })),
      ] as const,
  );
}

function groupByTopic(outputs: readonly JournalOutput[]): Map<string, JournalOutput[]> {
  const byTopic = new Map<string, JournalOutput[]>();
  for (const output of outputs)
    byTopic.set(output.topic, [...(byTopic.get(output.topic) ?? []), output]);
  return byTopic;
}
