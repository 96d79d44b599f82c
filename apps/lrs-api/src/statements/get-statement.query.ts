import { Query } from '@nestjs/cqrs';

export class GetStatementQuery extends Query<Record<string, unknown>> {
  constructor(
    readonly storeId: string,
    readonly statementId: string,
  ) {
    super();
  }
}
