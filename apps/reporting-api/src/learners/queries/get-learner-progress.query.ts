import { Query } from '@nestjs/cqrs';
import { Viewer } from '../../auth/viewer';
import { LearnerProgressDto } from '../learner-progress.dto';

export class GetLearnerProgressQuery extends Query<LearnerProgressDto> {
  constructor(
    readonly viewer: Viewer,
    readonly learnerKey: string,
  ) {
    super();
  }
}
