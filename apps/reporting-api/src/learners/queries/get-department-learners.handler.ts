import { BadRequestException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Catalogue } from '@lr/catalogue';
import { UNKNOWN } from '@lr/learning';
import { assertMayReadDepartment } from '../../auth/scope-policy';
import { LearningReadStore } from '../../read-models/learning-read-store';
import { toLearnerSummaryDto } from '../learner-progress.dto';
import { GetDepartmentLearnersQuery, LearnerPage } from './get-department-learners.query';

@QueryHandler(GetDepartmentLearnersQuery)
export class GetDepartmentLearnersHandler implements IQueryHandler<GetDepartmentLearnersQuery> {
  constructor(
    private readonly store: LearningReadStore,
    private readonly catalogue: Catalogue,
  ) {}

  async execute(query: GetDepartmentLearnersQuery): Promise<LearnerPage> {
    const { viewer, department, after, limit } = query;
    if (department !== UNKNOWN && !this.catalogue.isDepartment(department)) {
      throw new BadRequestException(`unknown department ${department}`);
    }
    assertMayReadDepartment(viewer, department);
    const page = await this.store.departmentPage(viewer.storeId, department, after, limit + 1);
    const items = page.slice(0, limit).map(toLearnerSummaryDto);
    return { items, next: page.length > limit ? (items.at(-1)?.learnerKey ?? null) : null };
  }
}
