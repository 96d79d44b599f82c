import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { LrsApiEnv } from '../config/lrs-api.env';
import { Clock } from '../common/clock';
import { CredentialsRepository } from './credentials.repository';
import { SecretHasher } from './secret-hasher';

/** Makes sure the developer credential from LRS_DEV_KEY/LRS_DEV_SECRET exists with scope all. */
@Injectable()
export class DevCredentialBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(DevCredentialBootstrap.name);

  constructor(
    private readonly env: LrsApiEnv,
    private readonly repository: CredentialsRepository,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { LRS_DEV_KEY: key, LRS_DEV_SECRET: secret } = this.env;
    if (!key || !secret) return;
    const existing = await this.repository.findByKey(key);
    if (
      existing &&
      !existing.credential.revoked &&
      (await this.hasher.verify(secret, existing.secretHash))
    )
      return;
    const credential = {
      key,
      name: 'developer',
      storeId: this.env.LRS_DEFAULT_STORE,
      scopes: ['all' as const],
      revoked: false,
    };
    await this.repository.save(credential, await this.hasher.hash(secret), this.clock.now());
    this.logger.log(`developer credential ${key} ensured (store ${credential.storeId}, scope all)`);
  }
}
