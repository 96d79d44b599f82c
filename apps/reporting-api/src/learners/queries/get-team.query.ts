import { Query } from '@nestjs/cqrs';
import { Viewer } from '../../auth/viewer';
import { LearnerSummaryDto } from '../learner-progress.dto';

export class GetTeamQuery extends Query<LearnerSummaryDto[]> {
  constructor(
    readonly viewer: Viewer,
    readonly managerKey: string,
  ) {
    super();
  }
}
