import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../setup/infrastructure';
import { LrsClient } from './lrs-client';
import { RunningSystem } from './system';

const run = promisify(execFile);

/** Runs `npm run credentials` (the built CLI) against a running system's database. */
export function credentialsCli(system: RunningSystem, ...args: string[]): Promise<string> {
  return adminCli(system, 'credentials', ...args);
}

/** Runs one of the built admin commands (`credentials`, `people`) against a system's database. */
export async function adminCli(
  system: RunningSystem,
  command: string,
  ...args: string[]
): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [`dist/apps/lrs-api/src/cli/${command}.js`, ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...system.env },
    },
  );
  return stdout;
}

/** A client for a new credential made with the CLI. */
export async function clientWith(
  system: RunningSystem,
  store: string,
  scopes: string,
): Promise<LrsClient> {
  const created = JSON.parse(
    await credentialsCli(system, 'create', '--name', 'e2e', '--store', store, '--scopes', scopes),
  ) as {
    key: string;
    secret: string;
  };
  return new LrsClient(system.lrs.baseUrl, created.key, created.secret);
}
