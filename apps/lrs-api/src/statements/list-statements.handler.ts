import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ListStatementsQuery, StatementPage } from './list-statements.query';
import { StatementReadRepository } from './statement-read.repository';

@QueryHandler(ListStatementsQuery)
export class ListStatementsHandler implements IQueryHandler<ListStatementsQuery> {
  constructor(private readonly repository: StatementReadRepository) {}

  async execute({ storeId, limit }: ListStatementsQuery): Promise<StatementPage> {
    return { statements: await this.repository.latest(storeId, limit), more: '' };
  }
}
