import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { agentKey, AttachmentData, attachmentHashesOf } from '@lr/xapi';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import { NotFoundError } from '../common/domain-errors';
import { LrsApiEnv } from '../config/lrs-api.env';
import { assertCanReadStatements } from '../credentials/scopes';
import { authorityOf } from './complete-statement';
import { ConsistencyTracker } from './consistency-tracker';
import { formatStatement } from './format-statement';
import { GetStatementsQuery, StatementsResult } from './get-statements.query';
import { decodePageToken, encodePageToken } from './page-token';
import { parseStatementQuery, StatementQuery } from './statement-query';
import { StatementReadRepository } from './statement-read.repository';

@QueryHandler(GetStatementsQuery)
export class GetStatementsHandler implements IQueryHandler<GetStatementsQuery> {
  constructor(
    private readonly repository: StatementReadRepository,
    private readonly consistency: ConsistencyTracker,
    private readonly env: LrsApiEnv,
    private readonly attachments: AttachmentsRepository,
  ) {}

  async execute({
    params,
    credential,
    version,
    languages,
  }: GetStatementsQuery): Promise<StatementsResult> {
    const { onlyOwn } = assertCanReadStatements(credential);
    const { more, ...rest } = params;
    const query: StatementQuery =
      more !== undefined
        ? decodePageToken(credential.storeId, more)
        : parseStatementQuery(rest, version, this.env.LRS_PAGE_SIZE);
    const consistentThrough = (await this.consistency.consistentThrough()).toISOString();
    const authority = onlyOwn ? (agentKey(authorityOf(credential)) ?? undefined) : undefined;
    if (query.kind === 'single') {
      const found = await this.repository.findOne(
        credential.storeId,
        query.statementId,
        query.voided,
      );
      if (!found || (authority && agentKey(found.statement.authority) !== authority)) {
        throw new NotFoundError(
          `no ${query.voided ? 'voided ' : ''}statement ${query.statementId}`,
        );
      }
      return {
        body: formatStatement(found.statement, query.format, languages),
        lastModified: found.stored,
        consistentThrough,
        attachments: await this.attachmentsFor(credential.storeId, query.attachments, [
          found.statement,
        ]),
      };
    }
    const rows = await this.repository.page(
      credential.storeId,
      query.filter,
      query.limit,
      query.after,
      authority,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const moreLink =
      rows.length > query.limit && last
        ? `/xapi/statements?more=${encodePageToken(credential.storeId, query, { stored: last.stored, id: last.id })}`
        : '';
    return {
      body: {
        statements: page.map((row) => formatStatement(row.statement, query.format, languages)),
        more: moreLink,
      },
      lastModified: latestStored(page.map((row) => row.stored)) ?? consistentThrough,
      consistentThrough,
      attachments: await this.attachmentsFor(
        credential.storeId,
        query.attachments,
        page.map((row) => row.statement),
      ),
    };
  }

  private async attachmentsFor(
    storeId: string,
    wanted: boolean,
    statements: readonly Record<string, unknown>[],
  ): Promise<AttachmentData[] | undefined> {
    if (!wanted) return undefined;
    return this.attachments.load(storeId, attachmentHashesOf(statements));
  }
}

function latestStored(stored: readonly string[]): string | undefined {
  return stored.reduce<string | undefined>(
    (latest, s) => (latest === undefined || s > latest ? s : latest),
    undefined,
  );
}
