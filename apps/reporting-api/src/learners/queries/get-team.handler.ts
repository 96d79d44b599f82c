import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ForbiddenException } from '@nestjs/common';
import { assertMayReadLearner } from '../../auth/scope-policy';
import { LearningReadStore } from '../../read-models/learning-read-store';
import { LearnerSummaryDto, toLearnerSummaryDto } from '../learner-progress.dto';
import { GetTeamQuery } from './get-team.query';

/** A manager's direct reports; admins see only those within their own scope. */
@QueryHandler(GetTeamQuery)
export class GetTeamHandler implements IQueryHandler<GetTeamQuery> {
  constructor(private readonly store: LearningReadStore) {}

  async execute({ viewer, managerKey }: GetTeamQuery): Promise<LearnerSummaryDto[]> {
    if (viewer.role === 'learner') throw new ForbiddenException('outside your reporting scope');
    if (viewer.role === 'line-manager' && viewer.learnerKey !== managerKey) {
      throw new ForbiddenException('outside your reporting scope');
    }
    const members = await this.store.learners(await this.store.teamOf(managerKey));
    return members
      .filter((learner) => learner.managerKey === managerKey && mayRead(viewer, learner))
      .map(toLearnerSummaryDto);
  }
}

function mayRead(...args: Parameters<typeof assertMayReadLearner>): boolean {
  try {
    assertMayReadLearner(...args);
    return true;
  } catch {
    return false;
  }
}
