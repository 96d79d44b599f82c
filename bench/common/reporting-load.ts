import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Catalogue } from '@lr/catalogue';
import { percentile } from '../ingest/load';

export interface ReportingSample {
  readonly name: string;
  readonly path: string;
}

export interface LatencySummary {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface ReportingLoadResult {
  readonly seconds: number;
  readonly concurrency: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  readonly overall: LatencySummary;
  readonly byQuery: Record<string, LatencySummary>;
}

/**
 * The dashboards' mix: analytics summaries with filters, a monthly series, a breakdown, a
 * period summary, and one learner's progress (learnerEmail picks someone who exists).
 */
export function reportingMix(
  catalogue: Catalogue,
  learnerEmail: (n: number) => string,
): (n: number) => ReportingSample {
  const departments = catalogue.departments.map((d) => d.code);
  const qualifications = catalogue.qualifications.slice(0, 10).map((q) => q.code);
  return (n) => {
    const pick = <T>(items: readonly T[]) => items[n % items.length]!;
    switch (n % 5) {
      case 0:
        return {
          name: 'summary',
          path: `/v1/analytics/summary?qualification=${pick(qualifications)}&department=${pick(departments)}`,
        };
      case 1:
        return {
          name: 'registrations per month',
          path: `/v1/analytics/monthly?metric=registrations&level=${2 + (n % 2)}`,
        };
      case 2:
        return {
          name: 'breakdown by department',
          path: `/v1/analytics/breakdown?by=department&from=2025-01&to=2025-12`,
        };
      case 3: {
        const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${learnerEmail(n)}` }));
        return { name: 'learner progress', path: `/v1/learners/progress?agent=${agent}` };
      }
      default:
        return {
          name: 'summary by level and period',
          path: `/v1/analytics/summary?level=${2 + (n % 2)}&from=2025-03&to=2025-09`,
        };
    }
  };
}

/** Closed-loop load on the reporting API: p50/p99 per query and overall. */
export async function loadReporting(
  port: number,
  token: string,
  next: (n: number) => ReportingSample,
  options: { seconds: number; concurrency: number },
): Promise<ReportingLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies = new Map<string, number[]>();
  let errors = 0;
  let n = 0;
  const until = performance.now() + options.seconds * 1000;
  const ticker = setInterval(() => {
    process.stderr.write(`\rreporting load: ${n} requests, ${errors} errors`);
  }, 1_000);
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < until) {
        const sample = next(++n);
        const started = performance.now();
        const status = await get(port, sample.path, token, agent);
        const ms = performance.now() - started;
        if (status !== 200) errors += 1;
        const list = latencies.get(sample.name) ?? [];
        list.push(ms);
        latencies.set(sample.name, list);
      }
    }),
  );
  clearInterval(ticker);
  process.stderr.write('\n');
  agent.destroy();
  const all = [...latencies.values()].flat();
  return {
    seconds: options.seconds,
    concurrency: options.concurrency,
    errors,
    requestsPerSecond: Math.round(all.length / options.seconds),
    overall: summarise(all),
    byQuery: Object.fromEntries([...latencies].map(([name, list]) => [name, summarise(list)])),
  };
}

/** A profession-admin bearer token for the reporting API's development (HS256) mode. */
export function adminToken(secret: string, store = 'default'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'bench', role: 'profession-admin', store, exp: Math.floor(Date.now() / 1000) + 7200 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function summarise(list: readonly number[]): LatencySummary {
  const sorted = [...list].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

function get(port: number, path: string, token: string, agent: Agent): Promise<number> {
  return new Promise((done) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', () => done(0));
    req.end();
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
