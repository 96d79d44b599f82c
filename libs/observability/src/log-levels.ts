import type { LogLevel } from '@nestjs/common';

/** Nest's level names, most severe first, as LOG_LEVEL spells them. */
export const NEST_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'log',
  'debug',
  'verbose',
];

const PINO_LEVEL: Record<LogLevel, string> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** The pino level for a LOG_LEVEL value; unknown values (validated away at boot) mean info. */
export function pinoLevelOf(level: string): string {
  return PINO_LEVEL[level as LogLevel] ?? 'info';
}
