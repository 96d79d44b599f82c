import {
  Context,
  Link,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  TextMapGetter,
  TextMapSetter,
  trace,
  Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface TracingSettings {
  /** OTLP/HTTP base URL (spans go to `<url>/v1/traces`); setting it turns tracing on. */
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  /** 'true' turns tracing on with the exporter's default endpoint (http://localhost:4318). */
  readonly OTEL_TRACES_ENABLED?: string;
}

const propagator = new W3CTraceContextPropagator();
let provider: BasicTracerProvider | undefined;
let tracer: Tracer | undefined;

export function tracingWanted(settings: TracingSettings): boolean {
  return Boolean(settings.OTEL_EXPORTER_OTLP_ENDPOINT) || settings.OTEL_TRACES_ENABLED === 'true';
}

/**
 * Starts exporting spans (OTLP over HTTP, JSON) when configured. Context travels explicitly, in
 * our own async context and in W3C traceparent headers, so no global context manager or
 * auto-instrumentation is installed: with tracing off, nothing on the hot path changes.
 */
export function startTracing(service: string, settings: TracingSettings): void {
  if (provider || !tracingWanted(settings)) return;
  const base = settings.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  const exporter = new OTLPTraceExporter(base ? { url: `${base}/v1/traces` } : {});
  provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  tracer = provider.getTracer('learning-records');
}

export function tracingEnabled(): boolean {
  return tracer !== undefined;
}

/** Sends what is buffered and stops; called as the app closes. */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  tracer = undefined;
  await stopping?.shutdown().catch(() => undefined);
}

export interface SpanOptions {
  readonly kind: SpanKind;
  readonly parent?: Context;
  readonly links?: Link[];
  readonly attributes?: Record<string, string | number>;
}

/** A started span, or undefined while tracing is off. */
export function startSpan(name: string, options: SpanOptions): Span | undefined {
  if (!tracer) return undefined;
  return tracer.startSpan(
    name,
    {
      kind: options.kind,
      ...(options.links ? { links: options.links } : {}),
      ...(options.attributes ? { attributes: options.attributes } : {}),
    },
    options.parent ?? ROOT_CONTEXT,
  );
}

export function endSpan(span: Span | undefined, error?: unknown): void {
  if (!span) return;
  if (error !== undefined) {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : 'failed',
    });
  }
  span.end();
}

type Carrier = Record<string, string>;

const getter: TextMapGetter<Carrier> = {
  get: (carrier, key) => carrier[key],
  keys: (carrier) => Object.keys(carrier),
};

const setter: TextMapSetter<Carrier> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/** The remote parent a traceparent (and tracestate) header names, if valid. */
export function parentFrom(traceparent: string | undefined, tracestate?: string): Context {
  if (!traceparent) return ROOT_CONTEXT;
  const carrier: Carrier = tracestate ? { traceparent, tracestate } : { traceparent };
  return propagator.extract(ROOT_CONTEXT, carrier, getter);
}

/** The traceparent header value naming a span as the parent of what comes next. */
export function traceparentOf(span: Span): string {
  const carrier: Carrier = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, setter);
  return carrier.traceparent!;
}

export { SpanKind };
