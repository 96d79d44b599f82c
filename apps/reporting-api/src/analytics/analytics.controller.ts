import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Metric, METRICS } from '@lr/learning';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import { Viewer } from '../auth/viewer';
import { AnalyticsQueryParams } from './analytics-filter';
import { GetAnalyticsSummaryQuery } from './queries/get-analytics-summary.query';
import { Breakdown, BREAKDOWNS, GetBreakdownQuery } from './queries/get-breakdown.query';
import { GetMonthlySeriesQuery } from './queries/get-monthly-series.query';

const FILTERS = ['qualification', 'level', 'department', 'grade', 'from', 'to'] as const;

@Controller('v1/analytics')
export class AnalyticsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('summary')
  summary(@CurrentViewer() viewer: Viewer, @Query() query: Record<string, unknown>) {
    return this.queries.execute(new GetAnalyticsSummaryQuery(viewer, filtersOf(query)));
  }

  @Get('monthly')
  monthly(@CurrentViewer() viewer: Viewer, @Query() query: Record<string, unknown>) {
    const metric = oneOf(query.metric, METRICS, 'metric') as Metric;
    return this.queries.execute(
      new GetMonthlySeriesQuery(viewer, metric, filtersOf(query, ['metric'])),
    );
  }

  @Get('breakdown')
  breakdown(@CurrentViewer() viewer: Viewer, @Query() query: Record<string, unknown>) {
    const by = oneOf(query.by, BREAKDOWNS, 'by') as Breakdown;
    return this.queries.execute(new GetBreakdownQuery(viewer, by, filtersOf(query, ['by'])));
  }
}

/** Unknown parameters are refused, so a misspelt filter never silently widens a figure. */
function filtersOf(query: Record<string, unknown>, extra: string[] = []): AnalyticsQueryParams {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (extra.includes(name)) continue;
    if (!(FILTERS as readonly string[]).includes(name)) {
      throw new BadRequestException(`unknown parameter ${name}; filters are ${FILTERS.join(', ')}`);
    }
    if (typeof value !== 'string') throw new BadRequestException(`${name} must be given once`);
    params[name] = value;
  }
  return params;
}

function oneOf(value: unknown, allowed: readonly string[], name: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new BadRequestException(`${name} must be one of ${allowed.join(', ')}`);
  }
  return value;
}
