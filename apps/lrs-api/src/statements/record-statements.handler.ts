import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { BatchingProducer, Topics } from '@lr/messaging';
import { encodeStatementRecorded, learnerKey, STATEMENT_RECORDED_V1 } from '@lr/xapi';
import { Clock } from '../common/clock';
import { BadRequestError } from '../common/domain-errors';
import { completeStatement } from './complete-statement';
import { RecordStatementsCommand } from './record-statements.command';

@CommandHandler(RecordStatementsCommand)
export class RecordStatementsHandler implements ICommandHandler<RecordStatementsCommand> {
  constructor(
    private readonly producer: BatchingProducer,
    private readonly topics: Topics,
    private readonly clock: Clock,
  ) {}

  async execute({ statements, credential }: RecordStatementsCommand): Promise<readonly string[]> {
    if (statements.length === 0) throw new BadRequestError('no statements given');
    const now = this.clock.now();
    const completed = statements.map((raw, i) =>
      completeStatement(raw, i, credential, now, randomUUID),
    );
    const ids = completed.map((s) => s.id);
    if (new Set(ids).size !== ids.length)
      throw new BadRequestError('statement ids repeat within the batch');
    await this.producer.sendAll(
      completed.map((statement) => ({
        topic: this.topics.statements,
        key: learnerKey(credential.storeId, statement.actor),
        value: encodeStatementRecorded({
          type: STATEMENT_RECORDED_V1,
          storeId: credential.storeId,
          statement,
        }),
      })),
    );
    return ids;
  }
}
