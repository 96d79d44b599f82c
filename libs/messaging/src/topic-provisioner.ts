import { Inject, Injectable, Logger } from '@nestjs/common';
import { Admin, ITopicConfig } from 'kafkajs';
import { KafkaClient } from './kafka-client';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';

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

  async ensure(specs: readonly TopicSpec[]): Promise<void> {
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
      // A topic another instance has just created may not have leaders yet; consumers started
      // before it has would fail with UNKNOWN_TOPIC_OR_PARTITION.
      await this.awaitLeaders(
        admin,
        specs.map((spec) => spec.topic),
      );
    } finally {
      await admin.disconnect();
    }
  }

  private async awaitLeaders(admin: Admin, topics: string[]): Promise<void> {
    const deadline = Date.now() + LEADER_WAIT_MS;
    for (;;) {
      const ready = await admin
        .fetchTopicMetadata({ topics })
        .then(({ topics: found }) =>
          found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)),
        )
        .catch(() => false);
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`topics without leaders: ${topics.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

const LEADER_WAIT_MS = 30_000;
