import {
  CanActivate,
  ExecutionContext,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { GatewayEnv } from '../config/gateway.env';

/** Operator endpoints need the configured bearer token, compared in constant time. */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(private readonly env: GatewayEnv) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.env.GATEWAY_OPERATOR_TOKEN;
    if (!expected) throw new ServiceUnavailableException('operator access is not configured');
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const given = Buffer.from(header.replace(/^Bearer /, ''));
    const wanted = Buffer.from(expected);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      throw new UnauthorizedException('operator token required');
    }
    return true;
  }
}
