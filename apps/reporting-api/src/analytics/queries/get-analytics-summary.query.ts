import { Query } from '@nestjs/cqrs';
import { Viewer } from '../../auth/viewer';
import { AnalyticsQueryParams } from '../analytics-filter';
import { AnalyticsSummary } from '../summarise';

export class GetAnalyticsSummaryQuery extends Query<AnalyticsSummary> {
  constructor(
    readonly viewer: Viewer,
    readonly params: AnalyticsQueryParams,
  ) {
    super();
  }
}
