import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ClaimDocument } from '../claims/claim.document';
import { certificateClaimId } from '../claims/claim-ids';
import { ClaimsRepository } from '../claims/claims.repository';
import { Clock } from '../common/clock';
import { OperatorGuard } from './operator.guard';

/** What operators see of a claim: its state and every attempt, not the storage document. */
function toDto(claim: ClaimDocument) {
  return {
    claimId: claim._id,
    kind: claim.kind,
    awardingBody: claim.body,
    learnerKey: claim.learnerKey,
    qualification: claim.qualification,
    status: claim.status,
    certificateNumber: claim.certificateNumber ?? null,
    reason: claim.reason ?? null,
    attempts: claim.attempts,
    nextAttemptAt: claim.nextAttemptAt,
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
  };
}

@Controller('claims')
@UseGuards(OperatorGuard)
export class OperatorsController {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(
    @Query('status') status?: string,
    @Query('body') body?: string,
    @Query('limit') limit?: string,
  ) {
    const size = Math.min(1_000, Math.max(1, Number(limit ?? 100) || 100));
    return (
      await this.claims.list({ ...(status ? { status } : {}), ...(body ? { body } : {}) }, size)
    ).map(toDto);
  }

  @Get('stats')
  stats() {
    return this.claims.stats();
  }

  @Get(':id')
  async one(@Param('id') id: string) {
    const claim = await this.claims.get(id);
    if (!claim) throw new NotFoundException('no such claim');
    return toDto(claim);
  }

  /** A dead letter back into delivery, with a fresh round of attempts. */
  @Post(':id/redrive')
  @HttpCode(202)
  async redrive(@Param('id') id: string) {
    if (!(await this.claims.redrive(id, this.clock.now())))
      throw new NotFoundException('no dead claim with that id');
    return { claimId: id, status: 'pending' };
  }

  /** Sends a learner's certificate claim again; the Idempotency-Key keeps it one claim in effect. */
  @Post('replay')
  @HttpCode(202)
  async replay(@Body() body: { learnerKey?: unknown; qualification?: unknown }) {
    if (typeof body?.learnerKey !== 'string' || typeof body.qualification !== 'string') {
      throw new BadRequestException('learnerKey and qualification are required');
    }
    const id = certificateClaimId(body.learnerKey, body.qualification);
    if (!(await this.claims.replay(id, this.clock.now())))
      throw new NotFoundException('no such claim');
    return { claimId: id, status: 'pending' };
  }
}
