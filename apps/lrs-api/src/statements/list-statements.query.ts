import { Query } from '@nestjs/cqrs';

export interface StatementPage {
  readonly statements: readonly Record<string, unknown>[];
  readonly more: string;
}

/** Most recent statements first; the full xAPI filter set arrives with the statement resource. */
export class ListStatementsQuery extends Query<StatementPage> {
  constructor(
    readonly storeId: string,
    readonly limit: number,
  ) {
    super();
  }
}
