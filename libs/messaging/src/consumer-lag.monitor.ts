import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin } from 'kafkajs';
import { gauge } from '@lr/observability';
import { KafkaClient } from './kafka-client';

const POLL_MS = 5_000;

const consumerLag = gauge(
  'lr_kafka_consumer_lag',
  "Records a consumer group has yet to commit per partition: the log's high watermark minus the " +
    "group's committed offset, polled every 5 s.",
  ['group', 'topic', 'partition'],
);

export interface PartitionOffsets {
  readonly partition: number;
  readonly high: string;
  readonly low: string;
}

/**
 * Lag of one partition. A group that never committed there starts at the log's beginning, so it
 * lags by everything still retained.
 */
export function partitionLag(offsets: PartitionOffsets, committed: string | undefined): number {
  const high = Number(offsets.high);
  const from =
    committed === undefined || Number(committed) < 0 ? Number(offsets.low) : Number(committed);
  return Math.max(0, high - from);
}

/**
 * Polls the lag of the consumer groups this process runs, for GET /metrics: one admin
 * connection, one offsets request per group and topic every few seconds, nothing on the
 * consumers' path.
 */
@Injectable()
export class ConsumerLagMonitor implements OnApplicationShutdown {
  private readonly logger = new Logger(ConsumerLagMonitor.name);
  private readonly watched = new Map<string, readonly string[]>();
  private readonly labelled = new Map<string, { topic: string; partition: string }[]>();
  private timer: NodeJS.Timeout | undefined;
  private admin: Admin | undefined;
  private polling = false;

  constructor(private readonly client: KafkaClient) {}

  watch(groupId: string, topics: readonly string[]): void {
    this.watched.set(groupId, topics);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), POLL_MS);
      this.timer.unref();
    }
  }

  unwatch(groupId: string): void {
    this.watched.delete(groupId);
    for (const labels of this.labelled.get(groupId) ?? [])
      consumerLag.remove({ group: groupId, ...labels });
    this.labelled.delete(groupId);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.admin?.disconnect().catch(() => undefined);
  }

  /** One round over every watched group; a failure is logged and the next round tries again. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const [groupId, topics] of [...this.watched]) await this.measure(groupId, topics);
    } catch (error) {
      this.logger.debug(`consumer lag unavailable: ${String(error)}`);
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
    } finally {
      this.polling = false;
    }
  }

  private async measure(groupId: string, topics: readonly string[]): Promise<void> {
    const admin = await this.connected();
    const groups = await admin.fetchOffsets({ groupId, topics: [...topics] });
    const labels: { topic: string; partition: string }[] = [];
    for (const topic of topics) {
      const committed = new Map(
        (groups.find((g) => g.topic === topic)?.partitions ?? []).map((p) => [
          p.partition,
          p.offset,
        ]),
      );
      for (const offsets of await admin.fetchTopicOffsets(topic)) {
        const partition = String(offsets.partition);
        consumerLag.set(
          { group: groupId, topic, partition },
          partitionLag(offsets, committed.get(offsets.partition)),
        );
        labels.push({ topic, partition });
      }
    }
    // A group unwatched while this round ran keeps no series.
    if (this.watched.has(groupId)) this.labelled.set(groupId, labels);
    else for (const l of labels) consumerLag.remove({ group: groupId, ...l });
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.client.admin(true);
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}
