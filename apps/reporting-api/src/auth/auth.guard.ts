import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { Clock } from '../common/clock';
import { VIEWER } from './current-viewer.decorator';
import { JwtVerifier } from './jwt-verifier';
import { IS_PUBLIC } from './public.decorator';
import { viewerFromClaims } from './viewer-from-claims';

/** Every route needs a valid bearer token unless marked @Public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<symbol, unknown>>();
    // Health is the shared lib's controller: probes carry no tokens.
    if (isPublic || request.url.startsWith('/health/')) return true;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
    if (!match) throw new UnauthorizedException('a Bearer token is required');
    const claims = await this.verifier.verify(match[1]!, this.clock.now());
    request[VIEWER] = viewerFromClaims(claims);
    return true;
  }
}
