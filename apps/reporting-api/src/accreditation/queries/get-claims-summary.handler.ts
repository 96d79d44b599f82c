import { BadRequestException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Catalogue } from '@lr/catalogue';
import { analyticsDepartmentFor } from '../../auth/scope-policy';
import { LearningReadStore } from '../../read-models/learning-read-store';
import { ClaimsSummary, summariseClaims } from '../claims-summary';
import { GetClaimsSummaryQuery } from './get-claims-summary.query';

/** Accreditation claims by status, scoped like the analytics: admins only, their store. */
@QueryHandler(GetClaimsSummaryQuery)
export class GetClaimsSummaryHandler implements IQueryHandler<GetClaimsSummaryQuery> {
  constructor(
    private readonly store: LearningReadStore,
    private readonly catalogue: Catalogue,
  ) {}

  async execute({ viewer, department: asked }: GetClaimsSummaryQuery): Promise<ClaimsSummary> {
    const department = analyticsDepartmentFor(viewer, asked);
    if (department !== undefined && !this.catalogue.isDepartment(department)) {
      throw new BadRequestException(`unknown department ${department}`);
    }
    return summariseClaims(await this.store.claimCounts(viewer.storeId, department));
  }
}
