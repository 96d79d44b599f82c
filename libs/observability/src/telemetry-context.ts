import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

/**
 * What every log line and every produced record of one unit of work carries along. Consumer
 * batches carry it implicitly (AsyncLocalStorage); HTTP requests carry it explicitly, from
 * requestTelemetry, because on Node 20 the first AsyncLocalStorage.run installs a promise hook
 * that then runs on every promise of the process: it cost lrs-api about 9% of its CPU per single
 * POST in bench:ingest (bench/results/ingest-async-context.md), so lrs-api never runs one.
 */
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

/** The log fields of a unit of work: its correlation id and, while tracing, trace and span. */
export function telemetryFields(
  context: TelemetryContext | undefined = currentTelemetry(),
): Record<string, string> {
  if (!context) return {};
  const span = context.span?.spanContext();
  return span
    ? { correlationId: context.correlationId, traceId: span.traceId, spanId: span.spanId }
    : { correlationId: context.correlationId };
}
