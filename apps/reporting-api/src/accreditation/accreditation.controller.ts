import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentViewer } from '../auth/current-viewer.decorator';
import { Viewer } from '../auth/viewer';
import { ClaimsSummary } from './claims-summary';
import { GetClaimsSummaryQuery } from './queries/get-claims-summary.query';

@Controller('v1/accreditation')
export class AccreditationController {
  constructor(private readonly queries: QueryBus) {}

  @Get('claims/summary')
  claimsSummary(
    @CurrentViewer() viewer: Viewer,
    @Query() query: Record<string, unknown>,
  ): Promise<ClaimsSummary> {
    const unknown = Object.keys(query).find((name) => name !== 'department');
    if (unknown) throw new BadRequestException(`unknown parameter ${unknown}; filter: department`);
    const department = query.department;
    if (department !== undefined && typeof department !== 'string') {
      throw new BadRequestException('department must be given once');
    }
    return this.queries.execute(new GetClaimsSummaryQuery(viewer, department));
  }
}
