import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics } from 'prom-client';
import { instrumentHttp } from './http-instrumentation';
import { JsonLogger } from './json-logger';
import { metricsRegistry } from './metrics-registry';
import { startTracing, TracingSettings } from './tracing';

export interface TelemetrySettings extends TracingSettings {
  readonly LOG_LEVEL: string;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  readonly METRICS_TOKEN?: string;
}

let defaultMetrics = false;

/**
 * Bounds of the GC pause histogram, in seconds. prom-client's own (1 ms, 10 ms, 100 ms, 1 s) cannot
 * tell a 15 ms pause from a 90 ms one, and pauses of that size are what a tail latency points to
 * (npm run bench:ingest reports them per phase).
 */
export const GC_PAUSE_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** An app's logs, metrics and traces, set up once at boot before Nest creates the app. */
export class Telemetry {
  readonly logger: JsonLogger;

  private constructor(
    app: string,
    private readonly settings: TelemetrySettings,
  ) {
    this.logger = new JsonLogger(app, settings.LOG_LEVEL);
  }

  static start(app: string, settings: TelemetrySettings): Telemetry {
    startTracing(app, settings);
    if (!defaultMetrics) {
      // Process CPU, memory, event-loop delay and GC, sampled only when scraped.
      collectDefaultMetrics({ register: metricsRegistry, gcDurationBuckets: GC_PAUSE_BUCKETS });
      defaultMetrics = true;
    }
    return new Telemetry(app, settings);
  }

  /** Correlation ids, the HTTP histogram, server spans and GET /metrics on the app's Fastify. */
  instrument(fastify: FastifyInstance): void {
    instrumentHttp(fastify, this.settings.METRICS_TOKEN);
  }
}
