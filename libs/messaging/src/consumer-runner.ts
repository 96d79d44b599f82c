import { Injectable, Logger } from '@nestjs/common';
import { ConsumerRunConfig, EachBatchPayload } from 'kafkajs';
import { inConsumerBatch } from '@lr/observability';
import { KafkaClient } from './kafka-client';
import { ConsumedMessage, toConsumedMessage } from './consumed-message';
import { ConsumerCrashGuard } from './consumer-crash-guard';
import { ConsumerLagMonitor } from './consumer-lag.monitor';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { MergedBatches } from './merged-batches';
import { SharedCommit } from './shared-commit';
import { PoisonMessageError } from './errors';
import { backoffDelay, DEFAULT_RETRY, RetryPolicy } from './retry-policy';
import { Topics } from './topics';
import { WorkWatchdog } from './work-watchdog';

export type BatchHandler = (messages: readonly ConsumedMessage[]) => Promise<void>;

export interface ConsumerSpec {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handle: BatchHandler;
  readonly retry?: RetryPolicy;
  /** Partitions processed at once; order within a partition is always kept. */
  readonly concurrency?: number;
  readonly fromBeginning?: boolean;
  /**
   * Hands the batches of several partitions fetched together to one handler call (see
   * MergedBatches); the handler must not depend on a batch coming from one partition.
   */
  readonly mergePartitions?: boolean;
  /** How long the broker may hold a fetch to fill it; by default it answers with any record. */
  readonly fetch?: FetchPacing;
}

/**
 * The broker answers a fetch once it holds minBytes or maxWaitMs have passed. A fetch that
 * waits to fill costs the consumer, the broker and the database one round of work for many
 * records instead of a few; maxWaitMs is also how long an idle fetch waits.
 */
export interface FetchPacing {
  readonly minBytes: number;
  readonly maxWaitMs: number;
}

export interface RunningConsumer {
  readonly groupId: string;
  stop(): Promise<void>;
}

type Outcome = 'done' | 'abandoned';
type Attempt = Outcome | PoisonMessageError;

/** What one running group shares across its partitions' batches. */
interface Group {
  readonly spec: ConsumerSpec;
  readonly whole: (messages: readonly ConsumedMessage[]) => Promise<void>;
  readonly commits: SharedCommit;
}

/**
 * Runs a consumer group that commits a batch only after its handler succeeded. Errors are
 * retried with backoff for as long as it takes (a database outage must not lose messages);
 * only a PoisonMessageError sends a message to the dead-letter topic, after the batch has been
 * split so that the good messages around it are still processed.
 */
@Injectable()
export class ConsumerRunner {
  private readonly logger = new Logger(ConsumerRunner.name);

  constructor(
    private readonly client: KafkaClient,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly topics: Topics,
    private readonly lag: ConsumerLagMonitor,
    private readonly watchdog: WorkWatchdog,
  ) {}

  async start(spec: ConsumerSpec): Promise<RunningConsumer> {
    const consumer = this.client.consumer({
      groupId: spec.groupId,
      // Short enough that a member lost in a broker restart is evicted quickly, so the group
      // rebalances in seconds; handlers heartbeat while they work and while they back off, so
      // slow work is safe. Batches are capped in bytes so each stays short.
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxBytesPerPartition: 512 * 1024,
      minBytes: spec.fetch?.minBytes ?? 1,
      // An idle fetch returns after this long; it bounds how long a shutdown waits, too.
      maxWaitTimeInMs: spec.fetch?.maxWaitMs ?? 1_000,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: [...spec.topics],
      fromBeginning: spec.fromBeginning ?? true,
    });
    const merged = spec.mergePartitions
      ? new MergedBatches(spec.handle, (messages) => this.asOneBatch(spec, messages))
      : undefined;
    const group: Group = {
      spec,
      whole: merged ? (messages) => merged.run(messages) : spec.handle,
      commits: new SharedCommit(),
    };
    const runConfig: ConsumerRunConfig = {
      // Only offsets we resolved (after the handler succeeded) are committed; threshold 1 makes
      // that happen after every batch, including batches holding only transaction markers.
      autoCommit: true,
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: spec.concurrency ?? 3,
      eachBatch: (payload) => this.onBatch(group, payload),
    };
    const guard = new ConsumerCrashGuard(consumer, spec.groupId, runConfig);
    await consumer.run(runConfig);
    this.logger.log(`consumer group ${spec.groupId} running on ${spec.topics.join(', ')}`);
    this.lag.watch(spec.groupId, spec.topics);
    return {
      groupId: spec.groupId,
      stop: () => {
        guard.stop();
        this.lag.unwatch(spec.groupId);
        return consumer.disconnect();
      },
    };
  }

  private async onBatch(group: Group, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const messages = batch.messages.map((m) => toConsumedMessage(batch.topic, batch.partition, m));
    if (messages.length > 0 && (await this.traced(group, messages, payload)) === 'abandoned') {
      return;
    }
    // lastOffset() includes trailing transaction markers, so a caught-up group's committed
    // offset reaches the end of the log, which readers waiting for their writes rely on.
    payload.resolveOffset(batch.lastOffset());
    await group.commits.commit(payload);
    await payload.heartbeat();
  }

  /** One batch as a unit of work: its logs (and spans) carry the records' correlation ids. */
  private traced(
    group: Group,
    messages: readonly ConsumedMessage[],
    payload: EachBatchPayload,
  ): Promise<Outcome> {
    const { spec } = group;
    const { topic, partition } = payload.batch;
    const origin = { topic, partition, groupId: spec.groupId, records: messages };
    return inConsumerBatch(origin, async () => {
      const outcome = await this.process(group, messages, payload);
      if (outcome === 'done') {
        this.logger.debug(
          `${spec.groupId}: ${messages.length} record(s) of ${topic}/${partition} done, up to ${messages.at(-1)!.offset}`,
        );
      }
      return outcome;
    });
  }

  /** Several partitions' batches in one call: their logs and span carry all their records. */
  private asOneBatch(spec: ConsumerSpec, messages: readonly ConsumedMessage[]): Promise<void> {
    const { topic, partition } = messages[0]!;
    const origin = { topic, partition, groupId: spec.groupId, records: messages };
    return inConsumerBatch(origin, () => spec.handle(messages));
  }

  private async process(
    { spec, whole: handleWhole }: Group,
    messages: readonly ConsumedMessage[],
    payload: EachBatchPayload,
  ): Promise<Outcome> {
    const whole = await this.withRetry(spec, payload, () => handleWhole(messages));
    if (!(whole instanceof PoisonMessageError)) return whole;
    for (const message of messages) {
      const single = await this.withRetry(spec, payload, () => spec.handle([message]));
      if (single === 'abandoned') return single;
      if (single instanceof PoisonMessageError) {
        const sent = await this.deadLetter(spec, message, single.message, payload);
        if (sent === 'abandoned') return sent;
      }
    }
    return 'done';
  }

  private async withRetry(
    spec: ConsumerSpec,
    payload: EachBatchPayload,
    attempt: () => Promise<void>,
  ): Promise<Attempt> {
    const policy = spec.retry ?? DEFAULT_RETRY;
    for (let tries = 0; ; tries++) {
      if (!payload.isRunning() || payload.isStale()) return 'abandoned';
      try {
        const { topic, partition } = payload.batch;
        await this.watchdog.watch(`${spec.groupId} ${topic}/${partition}`, () =>
          whileHeartbeating(payload, attempt),
        );
        return 'done';
      } catch (error) {
        if (error instanceof PoisonMessageError) return error;
        const delay = backoffDelay(tries, policy, Math.random);
        this.logger.warn(
          `${spec.groupId}: handler failed (try ${tries + 1}), retrying in ${delay} ms: ${String(error)}`,
        );
        await this.pause(delay, payload);
      }
    }
  }

  private async deadLetter(
    spec: ConsumerSpec,
    message: ConsumedMessage,
    reason: string,
    payload: EachBatchPayload,
  ): Promise<Attempt> {
    const outcome = await this.withRetry(spec, payload, () =>
      this.deadLetters.publish(
        this.topics.deadLetter(message.topic, spec.groupId),
        {
          sourceTopic: message.topic,
          partition: message.partition,
          groupId: spec.groupId,
          message: message.raw,
          reason,
        },
        new Date(),
      ),
    );
    this.logger.warn(
      `${spec.groupId}: ${message.topic}/${message.partition}@${message.offset} dead-lettered: ${reason}`,
    );
    return outcome;
  }

  /** Sleeps in short steps, heartbeating, so a stop or rebalance is not held up by a backoff. */
  private async pause(ms: number, payload: EachBatchPayload): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && payload.isRunning() && !payload.isStale()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, until - Date.now())));
      await payload.heartbeat().catch(() => undefined);
    }
  }
}

/**
 * kafkajs heartbeats only when asked: a handler slower than the session (a loaded database) would
 * get its member evicted mid-batch, again on every retry. So ask every second while it runs.
 */
export async function whileHeartbeating<T>(
  payload: Pick<EachBatchPayload, 'heartbeat'>,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => void payload.heartbeat().catch(() => undefined), 1_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
