import { Controller, Get, Query, Req, UseGuards } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import {
  agentKey,
  isIri,
  parseAgentParam,
  StoredActivityDefinition,
  storedActivityDefinition,
} from '@lr/xapi';
import { PeopleRepository } from '../people/people.repository';
import { personOf } from '../people/person';
import { BadRequestError, ForbiddenError } from '../common/domain-errors';
import { XapiRequest } from '../common/xapi-request';
import { BasicAuthGuard } from '../credentials/basic-auth.guard';

type Params = Record<string, string | undefined>;

function onlyParam(params: Params, name: string): string {
  const other = Object.keys(params).find((k) => k !== name && params[k] !== undefined);
  if (other) throw new BadRequestError(`unknown query parameter ${other}`);
  const value = params[name];
  if (value === undefined) throw new BadRequestError(`the ${name} parameter is required`);
  return value;
}

function assertCanRead(request: XapiRequest): void {
  if (
    !request.credential.scopes.some(
      (s) => s === 'all' || s === 'all/read' || s === 'profile' || s === 'state',
    )
  ) {
    throw new ForbiddenError('credential cannot read agents or activities');
  }
}

/**
 * GET /agents: the Person for an agent (xAPI 2.0 §4.1.6.3), combining every identifier linked
 * to it in this store (`npm run people -- link`).
 */
@Controller('xapi/agents')
@UseGuards(BasicAuthGuard)
export class AgentsController {
  constructor(private readonly people: PeopleRepository) {}

  @Get()
  async person(
    @Query() params: Params,
    @Req() request: XapiRequest,
  ): Promise<Record<string, unknown>> {
    assertCanRead(request);
    const parsed = parseAgentParam(onlyParam(params, 'agent'), request.xapiVersion);
    if (!parsed.ok) throw new BadRequestError(`agent parameter: ${parsed.failure.message}`);
    if (parsed.agent.objectType === 'Group')
      throw new BadRequestError('agent parameter must be an Agent');
    const linked = await this.people.identitiesOf(
      request.credential.storeId,
      agentKey(parsed.agent)!,
    );
    return personOf([parsed.agent, ...linked]);
  }
}

/** GET /activities: the LRS's canonical definition of an activity, merged from statements. */
@Controller('xapi/activities')
@UseGuards(BasicAuthGuard)
export class ActivitiesController {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  @Get()
  async activity(
    @Query() params: Params,
    @Req() request: XapiRequest,
  ): Promise<Record<string, unknown>> {
    assertCanRead(request);
    const id = onlyParam(params, 'activityId');
    if (!isIri(id)) throw new BadRequestError('activityId must be an IRI');
    const known = await this.connection
      .collection<StoredActivityDefinition & { _id: string }>('activities')
      .findOne({ _id: `${request.credential.storeId}|${id}` });
    const definition = known ? storedActivityDefinition(known) : undefined;
    return { objectType: 'Activity', id, ...(definition ? { definition } : {}) };
  }
}
