import { Query } from '@nestjs/cqrs';
import { Viewer } from '../../auth/viewer';
import { LearnerSummaryDto } from '../learner-progress.dto';

export interface LearnerPage {
  readonly items: readonly LearnerSummaryDto[];
  /** Pass as `after` for the next page; null on the last. */
  readonly next: string | null;
}

export class GetDepartmentLearnersQuery extends Query<LearnerPage> {
  constructor(
    readonly viewer: Viewer,
    readonly department: string,
    readonly after: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}
