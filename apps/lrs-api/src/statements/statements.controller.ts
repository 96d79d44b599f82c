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
import { requestTelemetry } from '@lr/observability';
import { FastifyReply } from 'fastify';
import { BadRequestError, PayloadTooLargeError } from '../common/domain-errors';
import { XapiRequest } from '../common/xapi-request';
import { LrsApiEnv } from '../config/lrs-api.env';
import { BasicAuthGuard } from '../credentials/basic-auth.guard';
import { Authenticator } from '../credentials/authenticator';
import { Credential } from '../credentials/credential';
import { CredentialRateLimiter } from '../rate-limit/credential-rate-limiter';
import { isAlternateRequest, parseAlternateRequest } from './alternate-request';
import { acceptedLanguages } from './format-statement';
import { GetStatementsQuery } from './get-statements.query';
import { RecordStatementsCommand } from './record-statements.command';
import { QueryParams } from './statement-query';
import { readStatementBody } from './statement-body';
import { countedWrite } from './statement-metrics';
import { AttachmentPart, buildMultipartResponse, XapiVersion } from '@lr/xapi';

/** The xAPI Statement resource. Thin: every decision is in the command and query handlers. */
@Controller('xapi/statements')
@UseGuards(BasicAuthGuard)
export class StatementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly env: LrsApiEnv,
    private readonly authenticator: Authenticator,
    private readonly limiter: CredentialRateLimiter,
  ) {}

  @Post()
  @HttpCode(200)
  async post(
    @Body() body: unknown,
    @Query() query: QueryParams,
    @Req() request: XapiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    if (isAlternateRequest(request.method, query))
      return this.alternate(query, body, request, reply);
    const { statements, parts } = readStatementBody(request.headers['content-type'], body);
    return this.record(statements, request.credential, request.xapiVersion, parts, request);
  }

  @Put()
  @HttpCode(204)
  async put(
    @Body() body: unknown,
    @Query('statementId') statementId: string | undefined,
    @Query('method') method: string | undefined,
    @Req() request: XapiRequest,
  ): Promise<void> {
    if (method !== undefined)
      throw new BadRequestError('the alternate request syntax must be a POST');
    if (!statementId)
      throw new BadRequestError('PUT /statements requires the statementId parameter');
    const { statements, parts, isBatch } = readStatementBody(request.headers['content-type'], body);
    if (isBatch) throw new BadRequestError('PUT /statements takes one statement, not an array');
    await this.record(
      statements,
      request.credential,
      request.xapiVersion,
      parts,
      request,
      statementId,
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

  private record(
    statements: readonly unknown[],
    credential: Credential,
    version: XapiVersion,
    parts: readonly AttachmentPart[],
    request: XapiRequest,
    putId?: string,
  ): Promise<readonly string[]> {
    const work = requestTelemetry(request);
    return countedWrite(statements.length, () => {
      if (statements.length > this.env.LRS_MAX_BATCH_STATEMENTS) {
        throw new PayloadTooLargeError(
          `a batch may hold at most ${this.env.LRS_MAX_BATCH_STATEMENTS} statements`,
        );
      }
      return this.commands.execute(
        new RecordStatementsCommand(statements, credential, version, parts, work, putId),
      );
    });
  }

  /** xAPI 1.0.3 §1.3: removed in 2.0, so a 2.0 request using it is refused. */
  private async alternate(
    query: QueryParams,
    body: unknown,
    request: XapiRequest,
    reply: FastifyReply,
  ): Promise<unknown> {
    const alt = parseAlternateRequest(query, request.headers['content-type'], body, {
      authorization: request.headers.authorization,
      version: firstHeader(request.headers['x-experience-api-version']),
    });
    if (!alt.version || !/^1\.0(\.\d+)?$/.test(alt.version.trim())) {
      throw new BadRequestError('the alternate request syntax is only part of xAPI 1.0.x');
    }
    const credential = await this.authenticator.authenticate(alt.authorization);
    this.limiter.admit(credential);
    if (alt.method === 'GET') {
      const result = await this.queries.execute(
        new GetStatementsQuery(alt.params, credential, '1.0.3', []),
      );
      void reply.header('x-experience-api-consistent-through', result.consistentThrough);
      return result.body;
    }
    const statements = Array.isArray(alt.content) ? alt.content : [alt.content];
    if (alt.method === 'POST') return this.record(statements, credential, '1.0.3', [], request);
    await this.record(statements, credential, '1.0.3', [], request, alt.params.statementId ?? '');
    void reply.status(204);
    return undefined;
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
