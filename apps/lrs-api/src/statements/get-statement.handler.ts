import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../common/domain-errors';
import { GetStatementQuery } from './get-statement.query';
import { StatementReadRepository } from './statement-read.repository';

@QueryHandler(GetStatementQuery)
export class GetStatementHandler implements IQueryHandler<GetStatementQuery> {
  constructor(private readonly repository: StatementReadRepository) {}

  async execute({ storeId, statementId }: GetStatementQuery): Promise<Record<string, unknown>> {
    const statement = await this.repository.findById(storeId, statementId.toLowerCase());
    if (!statement) throw new NotFoundError(`no statement ${statementId}`);
    return statement;
  }
}
