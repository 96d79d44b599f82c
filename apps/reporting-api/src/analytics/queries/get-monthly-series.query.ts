import { Query } from '@nestjs/cqrs';
import { Metric } from '@lr/learning';
import { Viewer } from '../../auth/viewer';
import { AnalyticsQueryParams } from '../analytics-filter';
import { MonthlyPoint } from '../summarise';

export class GetMonthlySeriesQuery extends Query<MonthlyPoint[]> {
  constructor(
    readonly viewer: Viewer,
    readonly metric: Metric,
    readonly params: AnalyticsQueryParams,
  ) {
    super();
  }
}
