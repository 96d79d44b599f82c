import { Logger } from '@nestjs/common';
import { IHeaders, Producer, ProducerBatch, RecordMetadata, TopicMessages } from 'kafkajs';
import { histogram } from '@lr/observability';
import { ProducerUnavailableError } from './errors';

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
   * Epoch ms after which the message must not become visible: a flush that reaches this point
   * before the request that makes it visible (the produce, or the transaction's commit) refuses
   * it instead. Lets writers bound how far behind their own clock a record can appear in the log.
   */
  readonly deadline?: number;
}

export interface ProducedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface Pending {
  readonly message: OutgoingMessage;
  readonly partition: number;
  /** The message's own headers plus the correlation (and trace) of the work that sent it. */
  readonly headers: IHeaders | undefined;
  readonly resolve: (record: ProducedRecord) => void;
  readonly reject: (error: Error) => void;
}

export type LaneKind = 'transactional' | 'plain';

/**
 * One producer and the queue in front of it: whatever arrives while a request is in flight goes
 * into the next one (kafkajs has no linger), so batches grow with load and latency stays one
 * round trip when idle. A transactional lane makes each flush one transaction; a plain lane
 * sends one idempotent produce request, which is all-or-nothing only per partition.
 *
 * A plain flush that fails fails every send in it, though on a cluster some partitions may have
 * taken theirs (kafkajs retries the failed partitions, then throws without saying which took
 * theirs): those writers get 503 for statements that are in the log. A retry with the same
 * statement id is a no-op, as after a timed-out commit; one without an id stores a second copy.
 * On a single broker every partition fails or succeeds together.
 */
export class ProducerLane {
  private readonly logger = new Logger(ProducerLane.name);
  private producer: Producer;
  /** Whole sends, so that a flush never splits one (its all-or-nothing would be lost). */
  private readonly queue: (readonly Pending[])[] = [];
  private queuedMessages = 0;
  private connected: Promise<void> | undefined;
  private flushing = false;

  constructor(
    readonly kind: LaneKind,
    private readonly createProducer: () => Producer,
    private readonly maxBatch: number,
    private readonly lingerMs = 0,
  ) {
    this.producer = this.watched(createProducer());
  }

  get queued(): number {
    return this.queuedMessages;
  }

  get idle(): boolean {
    return !this.flushing && this.queue.length === 0;
  }

  enqueue(pending: readonly Pending[]): void {
    this.queue.push(pending);
    this.queuedMessages += pending.length;
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => void this.flushLoop());
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /**
   * Connects (for an idempotent or transactional producer: obtains its producer id) before the
   * first write needs it, trying again until `deadline`. On a newly created cluster the
   * transaction coordinator is still loading its topic for a few seconds, longer than a send's
   * retries cover, so without this the first transactional writes failed with 503.
   * Gives up with a warning if Kafka never answered: sends will connect then.
   */
  async warmUp(deadline: number, pauseMs = 250): Promise<void> {
    for (;;) {
      try {
        await this.ensureConnected();
        if (this.kind === 'transactional') await this.obtainTransactionalProducerId();
        return;
      } catch (error) {
        if (Date.now() + pauseMs > deadline) {
          this.logger.warn(`${this.kind} producer not connected at boot: ${String(error)}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  }

  /**
   * kafkajs's connect() asks any broker for a plain idempotent producer id; the transactional
   * one comes from the transaction coordinator with the first transaction(). An empty
   * transaction's abort sends nothing, and later transactions reuse the id.
   */
  private async obtainTransactionalProducerId(): Promise<void> {
    const transaction = await this.producer.transaction();
    await transaction.abort();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await this.linger();
        await this.sendBatch(this.nextBatch());
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Gives writes arriving in the next lingerMs a place in this flush, unless it is full. */
  private async linger(): Promise<void> {
    if (this.lingerMs === 0 || this.queuedMessages >= this.maxBatch) return;
    await new Promise((resolve) => setTimeout(resolve, this.lingerMs));
  }

  /** Whole sends up to maxBatch messages; a single larger send goes alone. */
  private nextBatch(): Pending[] {
    const batch: Pending[] = [...this.queue.shift()!];
    while (this.queue.length > 0 && batch.length + this.queue[0]!.length <= this.maxBatch) {
      batch.push(...this.queue.shift()!);
    }
    this.queuedMessages -= batch.length;
    return batch;
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    const started = performance.now();
    try {
      await this.ensureConnected();
      const sendable = this.kind === 'plain' ? refuseLate(batch, Date.now()) : batch;
      if (sendable.length === 0) return;
      const record = { acks: -1, topicMessages: toTopicMessages(sendable) };
      settle(
        sendable,
        this.kind === 'transactional'
          ? await this.inTransaction(record, earliestDeadline(sendable))
          : await this.producer.sendBatch(record),
      );
      produceDuration.observe({ outcome: 'ok', lane: this.kind }, elapsed(started));
    } catch (error) {
      produceDuration.observe({ outcome: 'failed', lane: this.kind }, elapsed(started));
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
    this.producer = this.watched(this.createProducer());
    this.connected = undefined;
    await old.disconnect().catch(() => undefined);
  }

  private watched(producer: Producer): Producer {
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

const produceDuration = histogram(
  'lr_kafka_produce_duration_seconds',
  'One produce request (with its transaction, if any) until every in-sync replica has it.',
  ['outcome', 'lane'],
);

const elapsed = (started: number) => (performance.now() - started) / 1000;

/**
 * A plain produce becomes visible as soon as the broker has it, so the deadline is checked just
 * before sending it: messages past theirs fail alone, and the others go.
 */
function refuseLate(batch: readonly Pending[], now: number): Pending[] {
  const late = batch.filter((p) => (p.message.deadline ?? Infinity) < now);
  if (late.length === 0) return [...batch];
  const failure = new ProducerUnavailableError('write missed its deadline; not sent');
  late.forEach((pending) => pending.reject(failure));
  return batch.filter((p) => !late.includes(p));
}

function earliestDeadline(batch: readonly Pending[]): number {
  return batch.reduce((min, p) => Math.min(min, p.message.deadline ?? Infinity), Infinity);
}

function toTopicMessages(batch: readonly Pending[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const { message, partition, headers } of batch) {
    let entry = byTopic.get(message.topic);
    if (!entry) {
      entry = { topic: message.topic, messages: [] };
      byTopic.set(message.topic, entry);
    }
    entry.messages.push({
      key: message.key,
      value: message.value,
      partition,
      headers,
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
