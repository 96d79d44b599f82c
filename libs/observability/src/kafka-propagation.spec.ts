import { trace } from '@opentelemetry/api';
import {
  correlationByKey,
  correlationOf,
  headerText,
  propagationHeaders,
  tracesOf,
} from './kafka-propagation';
import { inConsumerBatch } from './consumer-batch';
import { currentTelemetry, runWithTelemetry } from './telemetry-context';
import { endSpan, SpanKind, startSpan, startTracing, stopTracing } from './tracing';

const TRACE_A = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const TRACE_B = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** A consumed record: kafkajs hands headers over as Buffers. */
function record(key: string, headers: Record<string, string>, offset = '0') {
  return {
    key,
    offset,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
  };
}

describe('Kafka header propagation', () => {
  it('adds no headers outside a unit of work', () => {
    expect(propagationHeaders()).toBeUndefined();
  });

  it('encodes the current correlation id, or the one given for part of the work', () => {
    runWithTelemetry({ correlationId: 'req-1' }, () => {
      expect(propagationHeaders()).toEqual({ 'x-correlation-id': 'req-1' });
      expect(propagationHeaders('req-0')).toEqual({ 'x-correlation-id': 'req-0' });
    });
  });

  it('encodes the work given instead of the current one', () => {
    expect(propagationHeaders(undefined, { correlationId: 'req-2' })).toEqual({
      'x-correlation-id': 'req-2',
    });
    runWithTelemetry({ correlationId: 'req-1' }, () => {
      expect(propagationHeaders('part', { correlationId: 'req-2' })).toEqual({
        'x-correlation-id': 'part',
      });
    });
  });

  it('reads headers whether Buffers, strings or arrays', () => {
    expect(headerText({ headers: { a: Buffer.from('x') } }, 'a')).toBe('x');
    expect(headerText({ headers: { a: 'y' } }, 'a')).toBe('y');
    expect(headerText({ headers: { a: [Buffer.from('z'), 'w'] } }, 'a')).toBe('z');
    expect(headerText({ headers: {} }, 'a')).toBeUndefined();
    expect(headerText({}, 'a')).toBeUndefined();
  });

  it('round-trips: what a producer encodes, a consumer decodes', () => {
    const headers = runWithTelemetry({ correlationId: 'round-trip' }, () => propagationHeaders())!;
    expect(correlationOf([record('k', headers)])).toBe('round-trip');
  });

  it("names a batch's distinct correlation ids, capped", () => {
    const records = [
      record('a', { 'x-correlation-id': 'one' }),
      record('b', { 'x-correlation-id': 'two' }),
      record('c', { 'x-correlation-id': 'one' }),
      record('d', {}),
      record('e', { 'x-correlation-id': 'three,four' }),
    ];
    expect(correlationOf(records)).toBe('one,two,three,four');
    expect(correlationOf(records, 2)).toBe('one,two');
    expect(correlationOf([record('d', {})])).toBeUndefined();
  });

  it('groups correlation ids by record key (the learner)', () => {
    const byKey = correlationByKey([
      record('ann', { 'x-correlation-id': 'r1' }),
      record('bob', { 'x-correlation-id': 'r2' }),
      record('ann', { 'x-correlation-id': 'r3' }),
      record('cid', {}),
    ]);
    expect(byKey).toEqual(
      new Map([
        ['ann', 'r1,r3'],
        ['bob', 'r2'],
      ]),
    );
  });

  it('takes the first traceparent as parent and links the others', () => {
    const { parent, links } = tracesOf([
      record('a', { traceparent: TRACE_A }),
      record('b', { traceparent: TRACE_B }),
      record('c', { traceparent: TRACE_A }),
      record('d', { traceparent: 'not a traceparent' }),
    ]);
    expect(trace.getSpanContext(parent)?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(links.map((link) => link.context.traceId)).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736']);
  });

  it('has no parent when no record carries a trace', () => {
    expect(trace.getSpanContext(tracesOf([record('a', {})]).parent)).toBeUndefined();
  });
});

describe('inConsumerBatch', () => {
  const origin = (records: ReturnType<typeof record>[]) => ({
    topic: 'lr.xapi.statements.v1',
    partition: 2,
    groupId: 'lr.projector.statement-store',
    records,
  });

  it("runs the work with the records' correlation ids", async () => {
    const seen = await inConsumerBatch(
      origin([
        record('a', { 'x-correlation-id': 'r1' }),
        record('b', { 'x-correlation-id': 'r2' }),
      ]),
      async () => currentTelemetry()?.correlationId,
    );
    expect(seen).toBe('r1,r2');
  });

  it("names the batch's place in the log when no record carries an id", async () => {
    const seen = await inConsumerBatch(origin([record('a', {}, '17')]), async () =>
      Promise.resolve(currentTelemetry()?.correlationId),
    );
    expect(seen).toBe('lr.xapi.statements.v1/2@17');
  });

  it("while tracing, continues the first record's trace and passes it on", async () => {
    startTracing('test', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    try {
      const http = startSpan('POST /xapi/statements', { kind: SpanKind.SERVER })!;
      const produced = runWithTelemetry({ correlationId: 'r9', span: http }, () =>
        propagationHeaders(),
      )!;
      expect(produced.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      const downstream = await inConsumerBatch(origin([record('a', produced)]), async () =>
        propagationHeaders(),
      );
      endSpan(http);
      const traceId = http.spanContext().traceId;
      expect(downstream!.traceparent!.split('-')[1]).toBe(traceId);
      expect(downstream!.traceparent).not.toBe(produced.traceparent);
      expect(downstream!['x-correlation-id']).toBe('r9');
    } finally {
      await stopTracing();
    }
  });

  it('passes failures through', async () => {
    await expect(
      inConsumerBatch(origin([record('a', {})]), () => Promise.reject(new Error('db down'))),
    ).rejects.toThrow('db down');
  });
});
