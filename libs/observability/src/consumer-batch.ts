import { correlationOf, RecordContext, tracesOf } from './kafka-propagation';
import { runWithTelemetry } from './telemetry-context';
import { endSpan, SpanKind, startSpan, tracingEnabled } from './tracing';

export interface BatchOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly groupId: string;
  readonly records: readonly (RecordContext & { readonly offset: string })[];
}

/**
 * Runs a consumer's work on one batch as a unit of work: its logs name the correlation ids the
 * records carry (or the batch's place in the log when none do), and while tracing, its span is a
 * child of the first record's trace and linked to the others.
 */
export async function inConsumerBatch<T>(origin: BatchOrigin, work: () => Promise<T>): Promise<T> {
  const { topic, partition, groupId, records } = origin;
  const correlationId =
    correlationOf(records) ?? `${topic}/${partition}@${records[0]?.offset ?? '-'}`;
  if (!tracingEnabled()) return runWithTelemetry({ correlationId }, work);
  const { parent, links } = tracesOf(records);
  const span = startSpan(`${topic} process`, {
    kind: SpanKind.CONSUMER,
    parent,
    links,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': topic,
      'messaging.destination.partition.id': String(partition),
      'messaging.consumer.group.name': groupId,
      'messaging.batch.message_count': records.length,
    },
  });
  try {
    const result = await runWithTelemetry({ correlationId, ...(span ? { span } : {}) }, work);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}
