import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { agentKey } from '@lr/xapi';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import { Viewer } from '../auth/viewer';
import { LearnerProgressDto, LearnerSummaryDto } from './learner-progress.dto';
import { GetDepartmentLearnersQuery, LearnerPage } from './queries/get-department-learners.query';
import { GetLearnerProgressQuery } from './queries/get-learner-progress.query';
import { GetTeamQuery } from './queries/get-team.query';

const MAX_PAGE = 200;

@Controller('v1')
export class LearnersController {
  constructor(private readonly queries: QueryBus) {}

  @Get('learners/me/progress')
  myProgress(@CurrentViewer() viewer: Viewer): Promise<LearnerProgressDto> {
    if (!viewer.learnerKey) throw new BadRequestException('your token names no learner');
    return this.queries.execute(new GetLearnerProgressQuery(viewer, viewer.learnerKey));
  }

  /** `agent` is an xAPI Agent as JSON, as in the xAPI statements API. */
  @Get('learners/progress')
  progress(
    @CurrentViewer() viewer: Viewer,
    @Query('agent') agent?: string,
  ): Promise<LearnerProgressDto> {
    return this.queries.execute(new GetLearnerProgressQuery(viewer, learnerKeyOf(viewer, agent)));
  }

  @Get('teams/mine')
  myTeam(@CurrentViewer() viewer: Viewer): Promise<LearnerSummaryDto[]> {
    if (!viewer.learnerKey) throw new BadRequestException('your token names no learner');
    return this.queries.execute(new GetTeamQuery(viewer, viewer.learnerKey));
  }

  @Get('teams')
  team(@CurrentViewer() viewer: Viewer, @Query('manager') manager?: string) {
    return this.queries.execute(new GetTeamQuery(viewer, learnerKeyOf(viewer, manager)));
  }

  @Get('departments/:code/learners')
  department(
    @CurrentViewer() viewer: Viewer,
    @Param('code') code: string,
    @Query('after') after?: string,
    @Query('limit') limit?: string,
  ): Promise<LearnerPage> {
    return this.queries.execute(
      new GetDepartmentLearnersQuery(viewer, code, after || undefined, pageSize(limit)),
    );
  }
}

function learnerKeyOf(viewer: Viewer, agentJson: string | undefined): string {
  if (!agentJson) throw new BadRequestException('agent is required: an xAPI Agent as JSON');
  let agent: unknown;
  try {
    agent = JSON.parse(agentJson);
  } catch {
    throw new BadRequestException('agent must be JSON');
  }
  const key = agentKey(agent);
  if (!key)
    throw new BadRequestException(
      'agent must identify an Agent (mbox, mbox_sha1sum, openid or account)',
    );
  return `${viewer.storeId}|${key}`;
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return 50;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
    throw new BadRequestException(`limit must be an integer from 1 to ${MAX_PAGE}`);
  }
  return size;
}
