import { BadRequestException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Catalogue } from '@lr/catalogue';
import { counterId, CounterSelector, levelSelector, UNKNOWN } from '@lr/learning';
import { analyticsDepartmentFor } from '../../auth/scope-policy';
import { LearningReadStore } from '../../read-models/learning-read-store';
import { AnalyticsFilter, parseAnalyticsFilter } from '../analytics-filter';
import { summarise } from '../summarise';
import { Breakdown, BreakdownRow, GetBreakdownQuery } from './get-breakdown.query';

interface Group {
  readonly key: string;
  readonly name: string;
  readonly selector: CounterSelector;
}

/** The same figures split by one dimension: one counter document per group, fetched together. */
@QueryHandler(GetBreakdownQuery)
export class GetBreakdownHandler implements IQueryHandler<GetBreakdownQuery> {
  constructor(
    private readonly store: LearningReadStore,
    private readonly catalogue: Catalogue,
  ) {}

  async execute({ viewer, by, params }: GetBreakdownQuery): Promise<BreakdownRow[]> {
    const department = analyticsDepartmentFor(viewer, params.department);
    const filter = parseAnalyticsFilter(params, viewer.storeId, department, this.catalogue);
    const groups = this.groupsOf(by, filter);
    const docs = await this.store.counters(groups.map((group) => counterId(group.selector)));
    return groups.map((group) => ({
      key: group.key,
      name: group.name,
      ...summarise(docs.get(counterId(group.selector)), filter),
    }));
  }

  private groupsOf(by: Breakdown, filter: AnalyticsFilter): Group[] {
    const base = filter.selector;
    const isAny = (value: string) => value === '*';
    switch (by) {
      case 'qualification':
        if (!isAny(base.qualification) && !base.qualification.startsWith('L')) break;
        return this.catalogue.qualifications
          .filter((q) => isAny(base.qualification) || levelSelector(q.level) === base.qualification)
          .map((q) => ({
            key: q.code,
            name: q.title,
            selector: { ...base, qualification: q.code },
          }));
      case 'level':
        if (!isAny(base.qualification)) break;
        return [2, 3, 4, 5, 6, 7].map((level) => ({
          key: String(level),
          name: `Level ${level}`,
          selector: { ...base, qualification: levelSelector(level) },
        }));
      case 'department':
        if (!isAny(base.department)) break;
        return [...this.catalogue.departments, { code: UNKNOWN, name: 'Not given' }].map((d) => ({
          key: d.code,
          name: d.name,
          selector: { ...base, department: d.code },
        }));
      case 'grade':
        if (!isAny(base.grade)) break;
        return [...this.catalogue.grades, { code: UNKNOWN, name: 'Not given' }].map((g) => ({
          key: g.code,
          name: g.name,
          selector: { ...base, grade: g.code },
        }));
    }
    throw new BadRequestException(`cannot break down by ${by} while filtering on it`);
  }
}
