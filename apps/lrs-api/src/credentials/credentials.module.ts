import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Authenticator } from './authenticator';
import { BasicAuthGuard } from './basic-auth.guard';
import { CredentialsRepository } from './credentials.repository';
import { DevCredentialBootstrap } from './dev-credential.bootstrap';
import { SecretHasher } from './secret-hasher';

@Module({
  providers: [
    Clock,
    Authenticator,
    BasicAuthGuard,
    CredentialsRepository,
    SecretHasher,
    DevCredentialBootstrap,
  ],
  exports: [Authenticator, BasicAuthGuard],
})
export class CredentialsModule {}
