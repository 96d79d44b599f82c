import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Clock } from '../common/clock';
import { CredentialsModule } from '../credentials/credentials.module';
import { GetStatementHandler } from './get-statement.handler';
import { ListStatementsHandler } from './list-statements.handler';
import { RecordStatementsHandler } from './record-statements.handler';
import { StatementReadRepository } from './statement-read.repository';
import { StatementsController } from './statements.controller';
import { StatementsTopicBootstrap } from './statements-topic.bootstrap';

@Module({
  imports: [CqrsModule, CredentialsModule],
  controllers: [StatementsController],
  providers: [
    Clock,
    RecordStatementsHandler,
    GetStatementHandler,
    ListStatementsHandler,
    StatementReadRepository,
    StatementsTopicBootstrap,
  ],
})
export class StatementsModule {}
