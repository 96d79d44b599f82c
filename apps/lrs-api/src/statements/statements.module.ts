import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import { Clock } from '../common/clock';
import { CredentialsModule } from '../credentials/credentials.module';
import { ConsistencyTracker } from './consistency-tracker';
import { GetStatementsHandler } from './get-statements.handler';
import { RecordStatementsHandler } from './record-statements.handler';
import { StatementClaimsRepository } from './statement-claims.repository';
import { StatementReadRepository } from './statement-read.repository';
import { StatementsController } from './statements.controller';
import { StatementsTopicBootstrap } from './statements-topic.bootstrap';

@Module({
  imports: [CqrsModule, CredentialsModule],
  controllers: [StatementsController],
  providers: [
    Clock,
    RecordStatementsHandler,
    GetStatementsHandler,
    StatementClaimsRepository,
    StatementReadRepository,
    ConsistencyTracker,
    StatementsTopicBootstrap,
    AttachmentsRepository,
  ],
})
export class StatementsModule {}
