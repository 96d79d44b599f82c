import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  ConsumedMessage,
  ConsumerRunner,
  PoisonMessageError,
  RunningConsumer,
  TopicProvisioner,
  Topics,
} from '@lr/messaging';
import {
  decodeStatementRecorded,
  indexFieldsOf,
  isStatementRecord,
  LearnerKeyring,
  openRecords,
  STATEMENT_STORE_GROUP,
  StatementDocument,
  statementDocumentId,
} from '@lr/xapi';
import { ProjectorEnv } from '../config/projector.env';
import { recordProjected } from '../metrics/projection-metrics';
import { StatementStoreRepository } from './statement-store.repository';
import { withoutErased } from './without-erased';

/** Projects the statement topic into the statement store that GET /statements reads. */
@Injectable()
export class StatementStoreProjection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StatementStoreProjection.name);
  private consumer: RunningConsumer | undefined;

  constructor(
    private readonly runner: ConsumerRunner,
    private readonly provisioner: TopicProvisioner,
    private readonly topics: Topics,
    private readonly repository: StatementStoreRepository,
    private readonly env: ProjectorEnv,
    private readonly keyring: LearnerKeyring,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.provisioner.ensure([{ topic: this.topics.statements }]);
    await this.provisioner.ensure([
      {
        topic: this.topics.deadLetter(
          this.topics.statements,
          this.topics.group(STATEMENT_STORE_GROUP),
        ),
        partitions: 1,
      },
    ]);
    this.consumer = await this.runner.start({
      groupId: this.topics.group(STATEMENT_STORE_GROUP),
      topics: [this.topics.statements],
      concurrency: this.env.partitionsAtOnce,
      handle: (messages) => this.project(messages),
      mergePartitions: true,
      fetch: this.env.storeFetch,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.logger.log('statement store consumer stopped');
  }

  /**
   * Records of erased learners (key destroyed) are skipped, not dead-lettered: nothing is wrong
   * with them, and their dead letters would only be more copies to erase.
   */
  private async project(messages: readonly ConsumedMessage[]): Promise<void> {
    const opened = await openRecords(this.keyring, messages);
    if (opened.some((record) => record.state === 'unreadable')) {
      // The runner then handles records one by one and dead-letters only the broken one.
      throw new PoisonMessageError('statement record envelope cannot be opened');
    }
    const shredded = opened.filter((record) => record.state === 'shredded').length;
    if (shredded > 0) this.logger.log(`skipped ${shredded} record(s) of erased learners`);
    const statements = opened
      .filter((record) => record.state !== 'shredded' && isStatementRecord(record.message.headers))
      .map((record) => record.message);
    const erased = await this.keyring.erasures();
    const documents = statements.map(toDocument);
    await this.repository.insertNew(
      erased.size === 0 ? documents : documents.flatMap((doc) => withoutErased(doc, erased) ?? []),
    );
    recordProjected('statement-store', messages);
  }
}

function toDocument(message: ConsumedMessage): StatementDocument {
  const { storeId, statement, defines } = decodeStatementRecorded(message.value);
  return {
    _id: statementDocumentId(storeId, statement.id),
    storeId,
    statementId: statement.id,
    stored: statement.stored,
    statement,
    ...indexFieldsOf(statement),
    voided: false,
    defines: defines ?? true,
    partition: message.partition,
    offset: message.offset,
  };
}
