import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { requestTelemetry } from '@lr/observability';
import { isJsonObject } from '@lr/xapi';
import { BadRequestError } from '../common/domain-errors';
import { XapiRequest } from '../common/xapi-request';
import { BasicAuthGuard } from '../credentials/basic-auth.guard';
import { EraseLearnerCommand } from './erase-learner.command';
import { ErasureReport } from './erasure-report';

/** POST /admin/erasures {"agent": {...}}: erases a learner from the credential's store. */
@Controller('admin/erasures')
@UseGuards(BasicAuthGuard)
export class ErasureController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  erase(@Body() body: unknown, @Req() request: XapiRequest): Promise<ErasureReport> {
    if (!isJsonObject(body) || body.agent === undefined)
      throw new BadRequestError('body must be {"agent": <an xAPI Agent>}');
    return this.commands.execute(
      new EraseLearnerCommand(request.credential, body.agent, requestTelemetry(request)),
    );
  }
}
