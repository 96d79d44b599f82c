import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FastifyReply } from 'fastify';
import { BadRequestError, PayloadTooLargeError } from '../common/domain-errors';
import { XapiRequest } from '../common/xapi-request';
import { LrsApiEnv } from '../config/lrs-api.env';
import { BasicAuthGuard } from '../credentials/basic-auth.guard';
import { acceptedLanguages } from './format-statement';
import { GetStatementsQuery } from './get-statements.query';
import { RecordStatementsCommand } from './record-statements.command';
import { QueryParams } from './statement-query';
import { readStatementBody } from './statement-body';
import { buildMultipartResponse } from '@lr/xapi';

/** The xAPI Statement resource. Thin: every decision is in the command and query handlers. */
@Controller('xapi/statements')
@UseGuards(BasicAuthGuard)
export class StatementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly env: LrsApiEnv,
  ) {}

  @Post()
  @HttpCode(200)
  post(@Body() body: unknown, @Req() request: XapiRequest): Promise<readonly string[]> {
    const { statements, parts } = readStatementBody(request.headers['content-type'], body);
    if (statements.length > this.env.LRS_MAX_BATCH_STATEMENTS) {
      throw new PayloadTooLargeError(
        `a batch may hold at most ${this.env.LRS_MAX_BATCH_STATEMENTS} statements`,
      );
    }
    return this.commands.execute(
      new RecordStatementsCommand(statements, request.credential, request.xapiVersion, parts),
    );
  }

  @Put()
  @HttpCode(204)
  async put(
    @Body() body: unknown,
    @Query('statementId') statementId: string | undefined,
    @Req() request: XapiRequest,
  ): Promise<void> {
    if (!statementId)
      throw new BadRequestError('PUT /statements requires the statementId parameter');
    const { statements, parts, isBatch } = readStatementBody(request.headers['content-type'], body);
    if (isBatch) throw new BadRequestError('PUT /statements takes one statement, not an array');
    await this.commands.execute(
      new RecordStatementsCommand(
        statements,
        request.credential,
        request.xapiVersion,
        parts,
        statementId,
      ),
    );
  }

  @Get()
  async get(
    @Query() params: QueryParams,
    @Req() request: XapiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown> | Buffer> {
    const result = await this.queries.execute(
      new GetStatementsQuery(
        params,
        request.credential,
        request.xapiVersion,
        acceptedLanguages(request.headers['accept-language']),
      ),
    );
    void reply.headers({
      'x-experience-api-consistent-through': result.consistentThrough,
      'last-modified': new Date(result.lastModified).toUTCString(),
    });
    if (!result.attachments) return result.body;
    const multipart = buildMultipartResponse(result.body, result.attachments);
    void reply.header('content-type', multipart.contentType);
    return multipart.body;
  }
}
