import {
  BadRequestException,
  Controller,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { RawBodyRequest } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { SIGNATURE_HEADER, verifyWebhook } from '@lr/learning';
import { ClaimsRepository } from '../claims/claims.repository';
import { Clock } from '../common/clock';
import { GatewayEnv } from '../config/gateway.env';

interface CallbackBody {
  readonly claimId?: unknown;
  readonly status?: unknown;
  readonly certificateNumber?: unknown;
  readonly reason?: unknown;
}

/** An awarding body's later answer to a claim, signed like our webhooks; unsigned changes nothing. */
@Controller('callbacks')
export class CallbacksController {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly clock: Clock,
    private readonly env: GatewayEnv,
  ) {}

  @Post(':body')
  @HttpCode(204)
  async answer(
    @Param('body') body: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<void> {
    const secret =
      body === 'cmi'
        ? this.env.CMI_SECRET
        : body === 'city-and-guilds'
          ? this.env.CITY_AND_GUILDS_SECRET
          : undefined;
    if (!secret) throw new NotFoundException(`no awarding body ${body}`);
    const raw = request.rawBody?.toString('utf8') ?? '';
    const header = request.headers[SIGNATURE_HEADER];
    if (
      !verifyWebhook(raw, typeof header === 'string' ? header : undefined, secret, this.clock.now())
    ) {
      throw new UnauthorizedException('bad or missing signature');
    }
    const parsed = JSON.parse(raw) as CallbackBody;
    if (
      typeof parsed.claimId !== 'string' ||
      (parsed.status !== 'acknowledged' && parsed.status !== 'rejected')
    ) {
      throw new BadRequestException('claimId and status (acknowledged or rejected) are required');
    }
    const claim = await this.claims.get(parsed.claimId);
    if (!claim || claim.body !== body) throw new NotFoundException('no such claim for this body');
    await this.claims.answer(
      parsed.claimId,
      parsed.status,
      {
        ...(typeof parsed.certificateNumber === 'string'
          ? { certificateNumber: parsed.certificateNumber }
          : {}),
        ...(typeof parsed.reason === 'string' ? { reason: parsed.reason } : {}),
      },
      this.clock.now(),
    );
  }
}
