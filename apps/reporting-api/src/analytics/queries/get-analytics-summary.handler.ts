import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Catalogue } from '@lr/catalogue';
import { counterId } from '@lr/learning';
import { analyticsDepartmentFor } from '../../auth/scope-policy';
import { LearningReadStore } from '../../read-models/learning-read-store';
import { parseAnalyticsFilter } from '../analytics-filter';
import { AnalyticsSummary, summarise } from '../summarise';
import { GetAnalyticsSummaryQuery } from './get-analytics-summary.query';

/** One counter document answers any combination of filters. */
@QueryHandler(GetAnalyticsSummaryQuery)
export class GetAnalyticsSummaryHandler implements IQueryHandler<GetAnalyticsSummaryQuery> {
  constructor(
    private readonly store: LearningReadStore,
    private readonly catalogue: Catalogue,
  ) {}

  async execute({ viewer, params }: GetAnalyticsSummaryQuery): Promise<AnalyticsSummary> {
    const department = analyticsDepartmentFor(viewer, params.department);
    const filter = parseAnalyticsFilter(params, viewer.storeId, department, this.catalogue);
    const id = counterId(filter.selector);
    const docs = await this.store.counters([id]);
    return summarise(docs.get(id), filter);
  }
}
