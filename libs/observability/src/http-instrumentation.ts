import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SpanStatusCode } from '@opentelemetry/api';
import { CORRELATION_HEADER, correlationIdFrom } from '@lr/config';
import { histogram, metricsRegistry } from './metrics-registry';
import { TelemetryContext } from './telemetry-context';
import { parentFrom, SpanKind, startSpan, stopTracing, tracingEnabled } from './tracing';

const httpDuration = histogram(
  'lr_http_request_duration_seconds',
  'HTTP requests by method, route template and status, from arrival to the last byte sent.',
  ['method', 'route', 'status'],
);

const CONTEXT = Symbol('telemetry');
type Instrumented = FastifyRequest & { [CONTEXT]?: TelemetryContext };

/**
 * A request's unit of work, for the logs and records its handling produces: handed on
 * explicitly, never through AsyncLocalStorage (see telemetry-context). Undefined for a request
 * the hooks did not see.
 */
export function requestTelemetry(request: FastifyRequest): TelemetryContext | undefined {
  return (request as Instrumented)[CONTEXT];
}

/**
 * Fastify hooks that give every request a correlation id (the caller's X-Correlation-Id when safe,
 * else a new one, echoed in the response and seen by error filters) and a unit of work for logs
 * and records produced (requestTelemetry), time it, and (while tracing) make it a server span
 * continuing the caller's traceparent. Also serves GET /metrics, behind METRICS_TOKEN when set.
 */
export function instrumentHttp(fastify: FastifyInstance, metricsToken?: string): void {
  fastify.addHook('onRequest', (request: Instrumented, reply, done) => {
    const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
    request.headers[CORRELATION_HEADER] = correlationId;
    void reply.header(CORRELATION_HEADER, correlationId);
    const span = tracingEnabled() ? serverSpan(request) : undefined;
    const context = span ? { correlationId, span } : { correlationId };
    request[CONTEXT] = context;
    done();
  });
  fastify.addHook('onResponse', (request: Instrumented, reply, done) => {
    const status = reply.statusCode;
    httpDuration.observe(
      { method: request.method, route: routeOf(request), status: String(status) },
      reply.elapsedTime / 1000,
    );
    const span = request[CONTEXT]?.span;
    if (span) {
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
  fastify.addHook('onClose', () => stopTracing());
  fastify.get('/metrics', (request, reply) => serveMetrics(request, reply, metricsToken));
}

async function serveMetrics(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
): Promise<string> {
  if (token && !bearerMatches(request.headers.authorization, token)) {
    return reply
      .status(401)
      .header('www-authenticate', 'Bearer')
      .send({ error: 'Unauthorized', message: 'GET /metrics needs the metrics bearer token' });
  }
  void reply.header('content-type', metricsRegistry.contentType);
  return metricsRegistry.metrics();
}

/** Constant-time comparison of the presented bearer token with the configured one. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/** The route template, never the raw URL: ids in paths must not become label values. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

function serverSpan(request: FastifyRequest) {
  const traceparent = request.headers.traceparent;
  const tracestate = request.headers.tracestate;
  return startSpan(`${request.method} ${routeOf(request)}`, {
    kind: SpanKind.SERVER,
    parent: parentFrom(
      typeof traceparent === 'string' ? traceparent : undefined,
      typeof tracestate === 'string' ? tracestate : undefined,
    ),
    attributes: {
      'http.request.method': request.method,
      'http.route': routeOf(request),
      'url.path': request.url.split('?')[0]!,
    },
  });
}
