import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

/** What every log line and every produced record of one unit of work carries along. */
export interface TelemetryContext {
  /** One id, or several joined by commas when a consumer batch holds records of several. */
  readonly correlationId: string;
  /** Present only while tracing is on. */
  readonly span?: Span;
}

const storage = new AsyncLocalStorage<TelemetryContext>();

export function currentTelemetry(): TelemetryContext | undefined {
  return storage.getStore();
}

export function runWithTelemetry<T>(context: TelemetryContext, work: () => T): T {
  return storage.run(context, work);
}
