import { Logger } from '@nestjs/common';
import { JsonLogger } from './json-logger';
import { runWithTelemetry, telemetryFields } from './telemetry-context';
import { endSpan, SpanKind, startSpan, startTracing, stopTracing } from './tracing';

function capture(level = 'log') {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger('test-app', level, {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON object a line with level, time, app, context and message', () => {
    const { logger, lines } = capture();
    logger.log('hello', 'Greeter');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      app: 'test-app',
      context: 'Greeter',
      msg: 'hello',
    });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it('adds the correlation id of the work in progress, and only inside it', () => {
    const { logger, lines } = capture();
    runWithTelemetry({ correlationId: 'req-42' }, () => logger.warn('inside', 'Ctx'));
    logger.warn('outside', 'Ctx');
    expect(lines[0]).toMatchObject({ level: 'warn', correlationId: 'req-42', msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('keeps the correlation id across awaits', async () => {
    const { logger, lines } = capture();
    await runWithTelemetry({ correlationId: 'async-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.log('later');
    });
    expect(lines[0]).toMatchObject({ correlationId: 'async-1', msg: 'later' });
  });

  it("takes a request's correlation id handed on as fields, over the current work's", () => {
    const { logger, lines } = capture();
    runWithTelemetry({ correlationId: 'batch-1' }, () =>
      logger.warn('both', telemetryFields({ correlationId: 'req-44' }), 'Ctx'),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ correlationId: 'req-44', msg: 'both', context: 'Ctx' });
    expect(telemetryFields(undefined)).toEqual({});
  });

  it('drops lines below LOG_LEVEL (Nest level names)', () => {
    const { logger, lines } = capture('warn');
    logger.log('quiet');
    logger.debug('quieter');
    logger.error('loud');
    expect(lines.map((line) => line.msg)).toEqual(['loud']);
    expect(lines[0]!.level).toBe('error');
  });

  it('maps verbose to trace and debug to debug', () => {
    const { logger, lines } = capture('verbose');
    logger.verbose('v');
    logger.debug('d');
    expect(lines.map((line) => line.level)).toEqual(['trace', 'debug']);
  });

  it("reads Nest's error(message, stack, context) convention", () => {
    const { logger, lines } = capture();
    const stack = new Error('boom').stack!;
    logger.error('failed', stack, 'Worker');
    logger.error('failed again', stack);
    expect(lines[0]).toMatchObject({ msg: 'failed', stack, context: 'Worker' });
    expect(lines[1]).toMatchObject({ msg: 'failed again', stack });
    expect(lines[1]).not.toHaveProperty('context');
  });

  it('turns Error messages and object parameters into fields', () => {
    const { logger, lines } = capture();
    logger.error(new Error('broken'), 'Ctx');
    logger.log({ event: 'started', port: 8080 }, 'Ctx');
    expect(lines[0]).toMatchObject({ msg: 'broken', context: 'Ctx' });
    expect((lines[0]!.err as { message: string }).message).toBe('broken');
    expect(lines[1]).toMatchObject({ event: 'started', port: 8080, context: 'Ctx' });
  });

  it('serves as the logger behind every Nest Logger', () => {
    const { logger, lines } = capture();
    Logger.overrideLogger(logger);
    try {
      runWithTelemetry({ correlationId: 'nest-1' }, () => new Logger('Service').log('via Nest'));
    } finally {
      Logger.overrideLogger(true);
    }
    expect(lines).toContainEqual(
      expect.objectContaining({ context: 'Service', msg: 'via Nest', correlationId: 'nest-1' }),
    );
  });

  it('names the trace and span while tracing', async () => {
    startTracing('test', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    try {
      const { logger, lines } = capture();
      const span = startSpan('work', { kind: SpanKind.INTERNAL })!;
      runWithTelemetry({ correlationId: 'c', span }, () => logger.log('traced'));
      endSpan(span);
      expect(lines[0]).toMatchObject({
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
      });
      expect(lines[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      await stopTracing();
    }
  });
});
