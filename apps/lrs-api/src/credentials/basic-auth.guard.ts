import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Authenticator } from './authenticator';
import { Credential } from './credential';

export type AuthenticatedRequest = FastifyRequest & { credential: Credential };

@Injectable()
export class BasicAuthGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.credential = await this.authenticator.authenticate(request.headers.authorization);
    return true;
  }
}
