import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { hostname } from 'node:os';
import { Catalogue } from '@lr/catalogue';
import { learningGroupName } from '@lr/learning';
import {
  BatchingProducer,
  ConsumerLagMonitor,
  KafkaClient,
  TopicProvisioner,
  Topics,
  WorkWatchdog,
} from '@lr/messaging';
import { LearnerKeyring } from '@lr/xapi';
import { ProjectorEnv } from '../config/projector.env';
import { LearningBatchProcessor } from './learning-batch-processor';
import { LearningConsumer } from './learning-consumer';
import { LearningMetaStore } from './learning-meta.store';
import { LearningStore } from './learning-store';
import { TransactionalCommitter } from './transactional-committer';
import { LearningStats } from './learning-stats';
import { OpenVoidsResolver } from './open-voids.resolver';

const META_POLL_MS = 2_000;
const STATS_EVERY_MS = 10_000;
const RESOLVE_EVERY_MS = 1_000;

export interface LearningRunOptions {
  readonly version: number;
  readonly emitEvents: boolean;
  readonly onProgress?: (partition: number, position: number, committed?: number) => void;
}

/**
 * Runs the learning projections on the active read-model version, and moves to a new version
 * when a rebuild switches to it.
 */
@Injectable()
export class LearningProjectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LearningProjectionService.name);
  private running: { version: number; consumer: LearningConsumer } | undefined;
  private resolver: OpenVoidsResolver | undefined;
  private resolveTimer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private switching = false;
  private readonly stats = new LearningStats();
  private statsTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: KafkaClient,
    private readonly provisioner: TopicProvisioner,
    private readonly topics: Topics,
    private readonly store: LearningStore,
    private readonly meta: LearningMetaStore,
    private readonly committer: TransactionalCommitter,
    private readonly catalogue: Catalogue,
    private readonly eventBus: EventBus,
    private readonly env: ProjectorEnv,
    private readonly producer: BatchingProducer,
    private readonly keyring: LearnerKeyring,
    private readonly lag: ConsumerLagMonitor,
    private readonly watchdog: WorkWatchdog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.LEARNING_PROJECTION_ENABLED) return;
    await this.provisionTopics();
    const instance = this.env.PROJECTOR_INSTANCE_ID ?? `${hostname()}-${this.env.PROJECTOR_PORT}`;
    this.committer.configure(`${this.topics.group('learning-projector')}.${instance}`);
    const version = await this.meta.active();
    this.running = { version, consumer: await this.run({ version, emitEvents: true }) };
    this.poll = setInterval(() => void this.followSwitch(), META_POLL_MS);
    this.statsTimer = setInterval(() => this.report(), STATS_EVERY_MS);
    this.resolveTimer = setInterval(() => void this.resolver?.resolveOnce(), RESOLVE_EVERY_MS);
    this.resolver = this.resolverFor(version);
  }

  private resolverFor(version: number): OpenVoidsResolver {
    return new OpenVoidsResolver(
      this.store.forVersion(version),
      this.producer,
      this.topics,
      () => new Date(),
      this.keyring,
    );
  }

  private report(): void {
    const figures = this.stats.take();
    if (figures) this.logger.log(`learning projection stats ${JSON.stringify(figures)}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    if (this.statsTimer) clearInterval(this.statsTimer);
    if (this.resolveTimer) clearInterval(this.resolveTimer);
    await this.running?.consumer.stop();
  }

  async provisionTopics(): Promise<void> {
    await this.provisioner.ensure([
      { topic: this.topics.statements },
      { topic: this.topics.learningEvents },
    ]);
  }

  /** Starts a consumer group filling one version; the rebuild CLI uses this too. */
  async run(options: LearningRunOptions): Promise<LearningConsumer> {
    const version = this.store.forVersion(options.version);
    await version.ensureIndexes();
    const groupId = this.topics.group(learningGroupName(options.version));
    const processor = new LearningBatchProcessor(
      version,
      this.catalogue,
      this.committer,
      this.topics,
      this.eventBus,
      { groupId, emitEvents: options.emitEvents },
      () => new Date(),
      this.keyring,
      this.stats,
    );
    const consumer = new LearningConsumer(
      this.client,
      processor,
      {
        groupId,
        topic: this.topics.statements,
        concurrency: this.env.partitionsAtOnce,
        lag: this.lag,
        watchdog: this.watchdog,
        fetch: this.env.learningFetch,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
      this.keyring,
    );
    await consumer.start();
    return consumer;
  }

  private async followSwitch(): Promise<void> {
    if (this.switching || !this.running) return;
    this.switching = true;
    try {
      const active = await this.meta.active();
      if (active === this.running.version) return;
      this.logger.log(`read models switched to version ${active}: following`);
      await this.running.consumer.stop();
      this.running = {
        version: active,
        consumer: await this.run({ version: active, emitEvents: true }),
      };
      this.resolver = this.resolverFor(active);
    } catch (error) {
      this.logger.warn(`could not follow a read-model switch yet: ${String(error)}`);
    } finally {
      this.switching = false;
    }
  }
}
