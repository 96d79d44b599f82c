import { Inject, Injectable, Logger } from '@nestjs/common';
import { ITopicConfig } from 'kafkajs';
import { KafkaClient } from './kafka-client';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';

const MAX_ATTEMPTS = 20;

function isRetriable(error: unknown): boolean {
  return (error as { retriable?: unknown } | null)?.retriable === true;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions?: number;
  readonly config?: Readonly<Record<string, string>>;
}

/** Creates the topics an app needs at start; existing topics are left as they are. */
@Injectable()
export class TopicProvisioner {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(
    private readonly client: KafkaClient,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {}

  /**
   * Right after a topic is created, a busy broker may still answer its metadata with
   * UNKNOWN_TOPIC_OR_PARTITION, which kafkajs does not retry while waiting for leaders: apps
   * starting together on a fresh cluster then crashed at boot. Retriable errors are retried,
   * until every topic's metadata answers.
   */
  async ensure(specs: readonly TopicSpec[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ensureOnce(specs);
      } catch (error) {
        if (!isRetriable(error) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.warn(`provisioning topics (attempt ${attempt}): ${String(error)}; retrying`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 250 * attempt)));
      }
    }
  }

  private async ensureOnce(specs: readonly TopicSpec[]): Promise<void> {
    const admin = this.client.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing: ITopicConfig[] = specs
        .filter((spec) => !existing.has(spec.topic))
        .map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions ?? this.options.statementPartitions,
          replicationFactor: this.options.replicationFactor,
          configEntries: Object.entries({
            'min.insync.replicas': String(Math.min(2, this.options.replicationFactor)),
            ...spec.config,
          }).map(([name, value]) => ({ name, value })),
        }));
      if (missing.length > 0) {
        // Another instance may create the same topic at the same moment; that is fine.
        await admin
          .createTopics({ topics: missing, waitForLeaders: true })
          .catch((error: unknown) => {
            if (!String(error).includes('already exists')) throw error;
          });
        this.logger.log(`created topics ${missing.map((t) => t.topic).join(', ')}`);
      }
      // A topic another app has just created may be listed before its metadata is served;
      // subscribing or producing then fails. Ready means the metadata answers.
      await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.topic) });
    } finally {
      await admin.disconnect();
    }
  }
}
