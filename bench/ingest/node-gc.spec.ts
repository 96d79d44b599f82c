import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Histogram, Registry } from 'prom-client';
import { GC_PAUSE_BUCKETS } from '@lr/observability';
import { gcHistogramOf, gcPausesBetween, gcPausesOfApps, scrapeGc } from './node-gc';

/** A registry serving the histogram as the apps do, fed with the pauses given (ms, by kind). */
function appMetrics(pauses: Array<[kind: string, ms: number]>, buckets = GC_PAUSE_BUCKETS) {
  const registry = new Registry();
  const histogram = new Histogram({
    name: 'nodejs_gc_duration_seconds',
    help: 'GC pauses',
    labelNames: ['kind'],
    buckets,
    registers: [registry],
  });
  for (const [kind, ms] of pauses) histogram.observe({ kind }, ms / 1000);
  return registry.metrics();
}

describe('gcPausesBetween', () => {
  it('counts the pauses of the phase, over every kind, and those over 25 and 100 ms', async () => {
    const before = gcHistogramOf(
      await appMetrics([
        ['minor', 3],
        ['major', 140],
      ]),
    );
    const after = gcHistogramOf(
      await appMetrics([
        ['minor', 3],
        ['major', 140],
        ['minor', 4],
        ['minor', 30],
        ['major', 120],
        ['incremental', 1],
      ]),
    );

    expect(gcPausesBetween(before, after)).toEqual({
      count: 4,
      totalMs: 155,
      over25Ms: 2,
      over100Ms: 1,
    });
  });

  it('says nothing of thresholds the histogram has no bound for', async () => {
    const prometheusDefault = [0.001, 0.01, 0.1, 1, 2, 5];
    const before = gcHistogramOf(await appMetrics([], prometheusDefault));
    const after = gcHistogramOf(await appMetrics([['minor', 40]], prometheusDefault));

    expect(gcPausesBetween(before, after)).toEqual({
      count: 1,
      totalMs: 40,
      over25Ms: null,
      over100Ms: 0,
    });
  });
});

describe('scrapeGc', () => {
  let server: Server;
  let text = '';

  beforeAll(async () => {
    server = createServer((_req, res) => res.end(text));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads each app by name and leaves out one that does not answer', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    text = await appMetrics([['minor', 2]]);
    const before = await scrapeGc({ 'lrs-api': url, projector: 'http://127.0.0.1:1/metrics' });
    text = await appMetrics([
      ['minor', 2],
      ['minor', 60],
    ]);
    const after = await scrapeGc({ 'lrs-api': url, projector: undefined });

    expect(Object.keys(before)).toEqual(['lrs-api']);
    expect(gcPausesOfApps(before, after)).toEqual({
      'lrs-api': { count: 1, totalMs: 60, over25Ms: 1, over100Ms: 0 },
    });
  });
});
