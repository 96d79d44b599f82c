import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Catalogue } from '@lr/catalogue';
import { counterId } from '@lr/learning';
import { analyticsDepartmentFor } from '../../auth/scope-policy';
import { LearningReadStore } from '../../read-models/learning-read-store';
import { parseAnalyticsFilter } from '../analytics-filter';
import { MonthlyPoint, monthlySeries } from '../summarise';
import { GetMonthlySeriesQuery } from './get-monthly-series.query';

@QueryHandler(GetMonthlySeriesQuery)
export class GetMonthlySeriesHandler implements IQueryHandler<GetMonthlySeriesQuery> {
  constructor(
    private readonly store: LearningReadStore,
    private readonly catalogue: Catalogue,
  ) {}

  async execute({ viewer, metric, params }: GetMonthlySeriesQuery): Promise<MonthlyPoint[]> {
    const department = analyticsDepartmentFor(viewer, params.department);
    const filter = parseAnalyticsFilter(params, viewer.storeId, department, this.catalogue);
    const id = counterId(filter.selector);
    const docs = await this.store.counters([id]);
    return monthlySeries(docs.get(id), metric, filter);
  }
}
