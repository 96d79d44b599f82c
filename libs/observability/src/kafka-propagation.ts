import { Link, trace } from '@opentelemetry/api';
import { CORRELATION_HEADER } from '@lr/config';
import { currentTelemetry, TelemetryContext } from './telemetry-context';
import { parentFrom, traceparentOf } from './tracing';

export const TRACEPARENT_HEADER = 'traceparent';

/** How many distinct correlation ids a batch's logs (or an event's header) name at most. */
const MAX_IDS = 20;

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** The part of a Kafka record (produced or consumed) that carries context. */
export interface RecordContext {
  readonly key?: string | Buffer | null;
  readonly headers?: Readonly<Record<string, HeaderValue>>;
}

/** A header as text: consumed headers are Buffers, headers of records made in-process strings. */
export function headerText(record: RecordContext, name: string): string | undefined {
  const value = record.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : first;
}

/**
 * The headers that carry a unit of work's correlation id (or the one given, when a record stems
 * from part of the work only) and, while tracing, its span as W3C traceparent onto the records
 * it produces; undefined outside any unit of work. The work is the current one unless given.
 */
export function propagationHeaders(
  correlationId?: string,
  context: TelemetryContext | undefined = currentTelemetry(),
): Record<string, string> | undefined {
  if (!context) return undefined;
  const id = correlationId ?? context.correlationId;
  return context.span
    ? { [CORRELATION_HEADER]: id, [TRACEPARENT_HEADER]: traceparentOf(context.span) }
    : { [CORRELATION_HEADER]: id };
}

/** The distinct correlation ids of some records, comma-joined (at most MAX_IDS). */
export function correlationOf(
  records: readonly RecordContext[],
  max = MAX_IDS,
): string | undefined {
  const ids = new Set<string>();
  for (const record of records) {
    const header = headerText(record, CORRELATION_HEADER);
    if (!header) continue;
    for (const id of header.split(',')) ids.add(id);
    if (ids.size >= max) break;
  }
  return ids.size > 0 ? [...ids].slice(0, max).join(',') : undefined;
}

/**
 * Correlation ids by record key: records are keyed by learner, so this says which requests a
 * learner's share of a batch came from, for the events that share causes.
 */
export function correlationByKey(records: readonly RecordContext[], max = 5): Map<string, string> {
  const byKey = new Map<string, Set<string>>();
  for (const record of records) {
    const header = headerText(record, CORRELATION_HEADER);
    const key = record.key?.toString();
    if (!header || key === undefined) continue;
    const ids = byKey.get(key) ?? new Set<string>();
    byKey.set(key, ids);
    for (const id of header.split(',')) if (ids.size < max) ids.add(id);
  }
  return new Map([...byKey].map(([key, ids]) => [key, [...ids].join(',')]));
}

/**
 * The trace parents of a batch's records: the first one parents the batch's span, the others
 * become links, so one span can belong to the traces of every request it served.
 */
export function tracesOf(records: readonly RecordContext[], max = MAX_IDS) {
  const seen = new Set<string>();
  for (const record of records) {
    const traceparent = headerText(record, TRACEPARENT_HEADER);
    if (traceparent) seen.add(traceparent);
    if (seen.size >= max) break;
  }
  const [first, ...others] = [...seen];
  const links: Link[] = others.flatMap((traceparent) => {
    const span = spanContextOf(traceparent);
    return span ? [{ context: span }] : [];
  });
  return { parent: parentFrom(first), links };
}

function spanContextOf(traceparent: string) {
  return trace.getSpanContext(parentFrom(traceparent));
}
