import { Query } from '@nestjs/cqrs';
import { Viewer } from '../../auth/viewer';
import { AnalyticsQueryParams } from '../analytics-filter';
import { AnalyticsSummary } from '../summarise';

export const BREAKDOWNS = ['qualification', 'level', 'department', 'grade'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface BreakdownRow extends AnalyticsSummary {
  readonly key: string;
  readonly name: string;
}

export class GetBreakdownQuery extends Query<BreakdownRow[]> {
  constructor(
    readonly viewer: Viewer,
    readonly by: Breakdown,
    readonly params: AnalyticsQueryParams,
  ) {
    super();
  }
}
