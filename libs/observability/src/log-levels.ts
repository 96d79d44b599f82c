import type { LogLevel } from '@nestjs/common';

const PINO_LEVEL: Record<LogLevel, string> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** The pino level for a LOG_LEVEL value (Nest's names); unknown values (refused at boot) mean info. */
export function pinoLevelOf(level: string): string {
  return PINO_LEVEL[level as LogLevel] ?? 'info';
}
