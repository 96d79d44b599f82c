import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger as Pino } from 'pino';
import { pinoLevelOf } from './log-levels';
import { telemetryFields } from './telemetry-context';

type Method = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService over pino: one JSON object a line on stdout, with the app's name, the
 * Nest context, and the correlation id (and trace ids when tracing) of the work in progress.
 * Every `new Logger(...)` in the code base writes through it once an app uses it.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(app: string, level: string, destination?: DestinationStream) {
    const options: pino.LoggerOptions = {
      level: pinoLevelOf(level),
      base: { app, pid: process.pid },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // pino passes the log object to a mixin; telemetryFields would take it for a context.
      mixin: () => telemetryFields(),
    };
    this.pino = destination ? pino(options, destination) : pino(options);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(method: Method, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(method)) return;
    const { fields, text } = entryOf(method, message, params);
    this.pino[method](fields, text);
  }
}

interface Entry {
  readonly fields: Record<string, unknown>;
  readonly text: string | undefined;
}

/**
 * Nest calls a logger as (message, ...params, context): the context is a trailing string, an
 * error's stack the string before it; objects among the params become fields.
 */
export function entryOf(method: Method, message: unknown, params: readonly unknown[]): Entry {
  const rest = params.filter((param) => param !== undefined);
  const fields: Record<string, unknown> = {};
  const last = rest.at(-1);
  if (typeof last === 'string' && (rest.length > 1 || method !== 'error' || !isStack(last))) {
    fields.context = last;
    rest.pop();
  }
  for (const param of rest) {
    if (typeof param === 'string' && isStack(param)) fields.stack = param;
    else if (param instanceof Error) fields.err = param;
    else if (param && typeof param === 'object') Object.assign(fields, param);
    else if (param !== undefined) fields.detail = param;
  }
  if (message instanceof Error) {
    fields.err = message;
    return { fields, text: message.message };
  }
  if (message && typeof message === 'object') {
    Object.assign(fields, message);
    return { fields, text: undefined };
  }
  return { fields, text: String(message) };
}

function isStack(text: string): boolean {
  return /\n\s+at /.test(text);
}
