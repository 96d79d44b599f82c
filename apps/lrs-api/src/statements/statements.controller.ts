import { Body, Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AuthenticatedRequest, BasicAuthGuard } from '../credentials/basic-auth.guard';
import { GetStatementQuery } from './get-statement.query';
import { ListStatementsQuery, StatementPage } from './list-statements.query';
import { RecordStatementsCommand } from './record-statements.command';

@Controller('xapi/statements')
@UseGuards(BasicAuthGuard)
export class StatementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(200)
  record(@Body() body: unknown, @Req() request: AuthenticatedRequest): Promise<readonly string[]> {
    const statements = Array.isArray(body) ? body : [body];
    return this.commands.execute(new RecordStatementsCommand(statements, request.credential));
  }

  @Get()
  read(
    @Req() request: AuthenticatedRequest,
    @Query('statementId') statementId?: string,
    @Query('limit') limit?: string,
  ): Promise<Record<string, unknown> | StatementPage> {
    const { storeId } = request.credential;
    if (statementId) return this.queries.execute(new GetStatementQuery(storeId, statementId));
    const pageSize = Math.min(Math.max(Number(limit) || 100, 1), 500);
    return this.queries.execute(new ListStatementsQuery(storeId, pageSize));
  }
}
