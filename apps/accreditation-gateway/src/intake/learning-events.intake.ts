import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  ConsumedMessage,
  ConsumerRunner,
  RunningConsumer,
  TopicProvisioner,
  Topics,
} from '@lr/messaging';
import { LearnerKeyring, openRecords, unsharedOpenedValues } from '@lr/xapi';
import { ClaimsRepository } from '../claims/claims.repository';
import { Clock } from '../common/clock';
import { claimsFromEvent } from './claims-from-event';

/** Records a claim for every learner-registered and qualification-achieved event, once. */
@Injectable()
export class LearningEventsIntake implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LearningEventsIntake.name);
  private consumer: RunningConsumer | undefined;

  constructor(
    private readonly runner: ConsumerRunner,
    private readonly provisioner: TopicProvisioner,
    private readonly topics: Topics,
    private readonly claims: ClaimsRepository,
    private readonly clock: Clock,
    private readonly keyring: LearnerKeyring,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.provisioner.ensure([
      { topic: this.topics.learningEvents },
      { topic: this.topics.accreditationEvents },
    ]);
    const groupId = this.topics.group('accreditation-gateway');
    await this.provisioner.ensure([
      { topic: this.topics.deadLetter(this.topics.learningEvents, groupId), partitions: 1 },
    ]);
    this.consumer = await this.runner.start({
      groupId,
      topics: [this.topics.learningEvents],
      handle: (messages) => this.intake(messages),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private async intake(messages: readonly ConsumedMessage[]): Promise<void> {
    const now = this.clock.now();
    // No other group in this process reads these records: sharing plaintexts would only hold them.
    const opened = await openRecords(this.keyring, messages, unsharedOpenedValues);
    for (const { message, state } of opened) {
      // The learner was erased after the event was written: no claim may be made for them.
      if (state === 'shredded') continue;
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(message.value?.toString('utf8') ?? '') as Record<string, unknown>;
      } catch {
        this.logger.warn(`skipping an unreadable event at ${message.partition}/${message.offset}`);
        continue;
      }
      for (const claim of claimsFromEvent(event, now)) {
        await this.claims.record(claim);
        this.logger.debug(`claim ${claim._id} recorded (${claim.kind}, ${claim.body})`);
      }
    }
  }
}
