import { Query } from '@nestjs/cqrs';
import { Viewer } from '../../auth/viewer';
import { ClaimsSummary } from '../claims-summary';

export class GetClaimsSummaryQuery extends Query<ClaimsSummary> {
  constructor(
    readonly viewer: Viewer,
    /** A department to narrow to (a department admin's is always theirs). */
    readonly department: string | undefined,
  ) {
    super();
  }
}
