import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { Clock } from '../common/clock';
import { CredentialsRepository } from '../credentials/credentials.repository';
import { SecretHasher } from '../credentials/secret-hasher';
import { AdminCliModule } from './admin-cli.module';
import { CredentialsCommand, parseCredentialsCommand } from './credentials-command';

/**
 * `npm run credentials -- create|list|revoke`: manages API credentials in the database the
 * environment points at. A new secret is printed once and only its hash is stored.
 */
async function main(): Promise<void> {
  const command = parseCredentialsCommand(process.argv.slice(2));
  const app = await NestFactory.createApplicationContext(AdminCliModule, {
    logger: ['error'],
  });
  try {
    await run(command, app.get(CredentialsRepository), app.get(SecretHasher), app.get(Clock));
  } finally {
    await app.close();
  }
}

async function run(
  command: CredentialsCommand,
  repository: CredentialsRepository,
  hasher: SecretHasher,
  clock: Clock,
): Promise<void> {
  switch (command.kind) {
    case 'create': {
      const key = command.key ?? `k-${randomBytes(6).toString('hex')}`;
      const secret = randomBytes(24).toString('base64url');
      const credential = {
        key,
        name: command.name,
        storeId: command.storeId,
        scopes: command.scopes,
        revoked: false,
      };
      await repository.save(credential, await hasher.hash(secret), clock.now());
      console.log(JSON.stringify({ ...credential, secret }));
      return;
    }
    case 'list':
      for (const credential of await repository.list(command.storeId))
        console.log(JSON.stringify(credential));
      return;
    case 'revoke':
      if (!(await repository.revoke(command.key, clock.now())))
        throw new Error(`no credential ${command.key}`);
      console.log(`revoked ${command.key}`);
      return;
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
