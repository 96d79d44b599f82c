import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Authenticator } from './authenticator';
import { Credential } from './credential';
import { isAlternateRequest } from '../statements/alternate-request';
import { CredentialRateLimiter } from '../rate-limit/credential-rate-limiter';

export type AuthenticatedRequest = FastifyRequest & { credential: Credential };

@Injectable()
export class BasicAuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly limiter: CredentialRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // The alternate request syntax carries its Authorization in the form body: the controller
    // authenticates it once the body is read.
    if (isAlternateRequest(request.method, request.query)) return true;
    request.credential = await this.authenticator.authenticate(request.headers.authorization);
    this.limiter.admit(request.credential);
    return true;
  }
}
