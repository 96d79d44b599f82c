import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { XapiRequest } from '../common/xapi-request';
import { BasicAuthGuard } from '../credentials/basic-auth.guard';
import { DocumentKind } from './document-address';
import { DocumentsEndpoint } from './documents.endpoint';

type Params = Record<string, string | undefined>;

/** One thin controller per document resource; all behaviour is in DocumentsEndpoint. */
function documentController(path: string, kind: DocumentKind) {
  @Controller(path)
  @UseGuards(BasicAuthGuard)
  class DocumentResourceController {
    constructor(readonly endpoint: DocumentsEndpoint) {}

    @Get()
    get(
      @Query() params: Params,
      @Req() request: XapiRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      return this.endpoint.get(kind, params, request, reply);
    }

    @Put()
    @HttpCode(204)
    put(@Query() params: Params, @Body() body: unknown, @Req() request: XapiRequest) {
      return this.endpoint.write('put', kind, params, body, request);
    }

    @Post()
    @HttpCode(204)
    post(@Query() params: Params, @Body() body: unknown, @Req() request: XapiRequest) {
      return this.endpoint.write('post', kind, params, body, request);
    }

    @Delete()
    @HttpCode(204)
    delete(@Query() params: Params, @Req() request: XapiRequest) {
      return this.endpoint.delete(kind, params, request);
    }
  }
  return DocumentResourceController;
}

export const StateController = documentController('xapi/activities/state', 'state');
export const ActivityProfileController = documentController(
  'xapi/activities/profile',
  'activity-profile',
);
export const AgentProfileController = documentController('xapi/agents/profile', 'agent-profile');
