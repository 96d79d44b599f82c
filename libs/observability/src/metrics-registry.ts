import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's one registry, served on GET /metrics. Metrics are declared where they are
 * measured, through the helpers below, which hand back an existing metric of the same name (a
 * module may be loaded twice in tests; prom-client refuses a second registration).
 */
export const metricsRegistry = new Registry();

export function counter<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
): Counter<L> {
  return registered(
    name,
    () => new Counter({ name, help, labelNames, registers: [metricsRegistry] }),
  );
}

export function gauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
): Gauge<L> {
  return registered(
    name,
    () => new Gauge({ name, help, labelNames, registers: [metricsRegistry] }),
  );
}

/** Seconds from 1 ms to 10 s: request, produce and projection latencies all fall in it. */
export const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function histogram<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
  buckets: readonly number[] = LATENCY_BUCKETS,
): Histogram<L> {
  const registers = [metricsRegistry];
  return registered(
    name,
    () => new Histogram({ name, help, labelNames, buckets: [...buckets], registers }),
  );
}

function registered<M>(name: string, make: () => M): M {
  return (metricsRegistry.getSingleMetric(name) as M | undefined) ?? make();
}
