import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';

export interface LoadTarget {
  readonly host: string;
  readonly port: number;
  readonly auth: string;
  /** Where statements are posted; our LRS's `/xapi/statements` by default. */
  readonly statementsPath?: string;
  /** The X-Experience-API-Version sent; 2.0.0 by default. */
  readonly xapiVersion?: string;
}

export interface LoadResult {
  readonly statements: number;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  /** When each request was sent, ms since the epoch, in the order of latenciesMs. */
  readonly sentAtMs: number[];
}

/** The learners the load posts for, in turn: the ODP programme's size. */
export const LEARNERS = 20_000;

const DEPARTMENTS = ['HMPO', 'HMCTS', 'DVLA', 'DVSA', 'HMRC', 'DWP'];

/**
 * A realistic ODP statement: a learner in a department progressing through a unit. With
 * `withId`, it carries its own random id, as most xAPI clients send one; without, the LRS
 * assigns it.
 */
export function odpStatement(learner: number, withId = false): Record<string, unknown> {
  return {
    // Left undefined (JSON.stringify drops it) rather than spread in: one object shape either way.
    id: withId ? randomUUID() : undefined,
    actor: {
      objectType: 'Agent',
      account: { homePage: 'https://learning.odp.example.gov.uk', name: `learner-${learner}` },
    },
    verb: { id: 'http://adlnet.gov/expapi/verbs/progressed', display: { 'en-GB': 'progressed' } },
    object: {
      objectType: 'Activity',
      id: `https://odp.example.gov.uk/units/lm-l3-u${learner % 12}`,
      definition: {
        name: { 'en-GB': 'Leadership and Management unit' },
        type: 'http://adlnet.gov/expapi/activities/module',
      },
    },
    result: {
      score: { scaled: 0.72, raw: 72, min: 0, max: 100 },
      duration: 'PT14M30S',
      completion: false,
    },
    context: {
      registration: randomUUID(),
      contextActivities: { parent: [{ id: 'https://odp.example.gov.uk/qualifications/lm-l3' }] },
      extensions: {
        'https://odp.example.gov.uk/xapi/extensions/department':
          DEPARTMENTS[learner % DEPARTMENTS.length],
      },
    },
    timestamp: new Date().toISOString(),
  };
}

export interface LoadOptions {
  readonly batchSize: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly ratePerSecond?: number;
  /** Stops early once this many statements have been sent. */
  readonly maxStatements?: number;
  /** Where statements come from; random ODP statements by default. */
  readonly source?: () => Record<string, unknown>;
  /** Whether the default statements carry their own ids (see odpStatement). */
  readonly clientIds?: boolean;
}

/**
 * Posts batches for `seconds` with `concurrency` requests in flight, or at `ratePerSecond`
 * requests when given (open loop, so latency includes queueing the way real clients see it).
 */
export async function runLoad(
  target: LoadTarget,
  options: LoadOptions,
  onTick: (done: LoadResult) => void,
): Promise<LoadResult> {
  let learner = 0;
  const source = options.source ?? (() => odpStatement(learner++ % LEARNERS, options.clientIds));
  // undici rather than node:http: the load shares the box with what it measures, and node:http's
  // client took about 100 µs of CPU per request, a tenth of the box's per single POST.
  const pool = new Pool(`http://${target.host}:${target.port}`, {
    connections: options.concurrency * 2,
  });
  const post = poster(target, pool);
  const latencies: number[] = [];
  const sentAt: number[] = [];
  let statements = 0;
  let requests = 0;
  let errors = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const snapshot = (): LoadResult => ({
    statements,
    requests,
    errors,
    seconds: (performance.now() - started) / 1000,
    latenciesMs: latencies,
    sentAtMs: sentAt,
  });
  const ticker = setInterval(() => onTick(snapshot()), 1000);

  let sent = 0;
  const more = () =>
    performance.now() < until &&
    (options.maxStatements === undefined || sent < options.maxStatements);
  const one = async () => {
    sent += options.batchSize;
    const batch = Array.from({ length: options.batchSize }, source);
    const body = JSON.stringify(options.batchSize === 1 ? batch[0] : batch);
    const t0 = performance.now();
    const status = await post(body);
    latencies.push(performance.now() - t0);
    sentAt.push(performance.timeOrigin + t0);
    requests++;
    if (status === 200) statements += options.batchSize;
    else errors++;
  };

  if (options.ratePerSecond) {
    const interval = 1000 / options.ratePerSecond;
    const inFlight = new Set<Promise<void>>();
    let next = performance.now();
    while (more()) {
      const p = one().finally(() => inFlight.delete(p));
      inFlight.add(p);
      next += interval;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (more()) await one();
      }),
    );
  }
  clearInterval(ticker);
  await pool.close();
  return snapshot();
}

/** A POST of one body; answers the status, 0 when the request failed outright. */
function poster(target: LoadTarget, pool: Pool): (body: string) => Promise<number> {
  const path = target.statementsPath ?? '/xapi/statements';
  const headers = {
    authorization: target.auth,
    'x-experience-api-version': target.xapiVersion ?? '2.0.0',
    'content-type': 'application/json',
  };
  return async (body) => {
    try {
      const response = await pool.request({ path, method: 'POST', headers, body });
      await response.body.dump();
      return response.statusCode;
    } catch {
      return 0;
    }
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
