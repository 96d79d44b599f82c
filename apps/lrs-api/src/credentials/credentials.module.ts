import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Authenticator } from './authenticator';
import { BasicAuthGuard } from './basic-auth.guard';
import { CredentialsRepository } from './credentials.repository';
import { DevCredentialBootstrap } from './dev-credential.bootstrap';
import { SecretHasher } from './secret-hasher';
import { CredentialRateLimiter } from '../rate-limit/credential-rate-limiter';

@Module({
  providers: [
    Clock,
    Authenticator,
    BasicAuthGuard,
    CredentialsRepository,
    SecretHasher,
    DevCredentialBootstrap,
    CredentialRateLimiter,
  ],
  exports: [Authenticator, BasicAuthGuard, CredentialRateLimiter],
})
export class CredentialsModule {}
