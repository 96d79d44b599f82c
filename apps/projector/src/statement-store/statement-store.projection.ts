import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  ConsumedMessage,
  ConsumerRunner,
  RunningConsumer,
  TopicProvisioner,
  Topics,
} from '@lr/messaging';
import {
  decodeStatementRecorded,
  indexFieldsOf,
  isStatementRecord,
  STATEMENT_STORE_GROUP,
  StatementDocument,
  statementDocumentId,
} from '@lr/xapi';
import { ProjectorEnv } from '../config/projector.env';
import { recordProjected } from '../metrics/projection-metrics';
import { StatementStoreRepository } from './statement-store.repository';

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
      concurrency: this.env.PROJECTOR_CONCURRENCY,
      handle: (messages) => this.project(messages),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.logger.log('statement store consumer stopped');
  }

  private async project(messages: readonly ConsumedMessage[]): Promise<void> {
    const statements = messages.filter((message) => isStatementRecord(message.headers));
    await this.repository.insertNew(statements.map(toDocument));
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
