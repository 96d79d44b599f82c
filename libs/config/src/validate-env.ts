import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class InvalidConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidConfigError';
  }
}

type EnvClass<T> = new () => T;

/**
 * Builds a typed, validated configuration object from the environment once, at boot.
 * Fails listing every bad key, so a misconfigured deployment is fixed in one go.
 */
export function validateEnv<T extends object>(
  envClass: EnvClass<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const withDefaults = Object.assign(new envClass(), dropEmpty(env));
  const instance = plainToInstance(envClass, withDefaults, { enableImplicitConversion: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new InvalidConfigError(errors.flatMap(describe));
  }
  return instance;
}

function dropEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

function describe(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {}).map(
    (message) => `${error.property}: ${message} (got ${JSON.stringify(error.value)})`,
  );
  return [...own, ...(error.children ?? []).flatMap(describe)];
}
