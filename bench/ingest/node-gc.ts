/**
 * GC pauses of our Node.js apps within a phase, from the `nodejs_gc_duration_seconds` histogram
 * each app serves on GET /metrics (prom-client, every kind of collection: each stops the app's
 * one thread). Beside the Java servers' pauses (gc-pauses.ts), they show which process stopped
 * when a tail latency grew.
 */
export interface NodeGcPauses {
  readonly count: number;
  readonly totalMs: number;
  /** Pauses longer than 25 ms; null when the app's histogram has no 25 ms bound. */
  readonly over25Ms: number | null;
  /** Pauses longer than 100 ms. */
  readonly over100Ms: number | null;
}

/** The histogram summed over its kinds: count, sum (s) and cumulative counts by upper bound. */
export interface GcHistogram {
  readonly count: number;
  readonly sumSeconds: number;
  readonly atMost: ReadonlyMap<string, number>;
}

const NAME = 'nodejs_gc_duration_seconds';
const BUCKET = new RegExp(`^${NAME}_bucket\\{.*\\ble="([^"]+)".*\\}\\s+(\\S+)$`);

export function gcHistogramOf(prometheusText: string): GcHistogram {
  let count = 0;
  let sumSeconds = 0;
  const atMost = new Map<string, number>();
  for (const line of prometheusText.split('\n')) {
    const value = () => Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith(`${NAME}_count`)) count += value();
    else if (line.startsWith(`${NAME}_sum`)) sumSeconds += value();
    else {
      const bucket = BUCKET.exec(line);
      if (bucket) atMost.set(bucket[1]!, (atMost.get(bucket[1]!) ?? 0) + Number(bucket[2]));
    }
  }
  return { count, sumSeconds, atMost };
}

export function gcPausesBetween(before: GcHistogram, after: GcHistogram): NodeGcPauses {
  const count = after.count - before.count;
  const over = (bound: string) => {
    const now = after.atMost.get(bound);
    if (now === undefined) return null;
    return count - (now - (before.atMost.get(bound) ?? 0));
  };
  return {
    count,
    totalMs: Math.round((after.sumSeconds - before.sumSeconds) * 1000),
    over25Ms: over('0.025'),
    over100Ms: over('0.1'),
  };
}

/** Each app's histogram by name; an app that does not answer is left out. */
export async function scrapeGc(
  urls: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, GcHistogram>> {
  const scraped = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      if (!url) return undefined;
      const text = await fetch(url)
        .then((response) => (response.ok ? response.text() : ''))
        .catch(() => '');
      return text.includes(NAME) ? ([name, gcHistogramOf(text)] as const) : undefined;
    }),
  );
  return Object.fromEntries(scraped.filter((entry) => entry !== undefined));
}

/** The pauses of every app scraped both before and after. */
export function gcPausesOfApps(
  before: Readonly<Record<string, GcHistogram>>,
  after: Readonly<Record<string, GcHistogram>>,
): Record<string, NodeGcPauses> {
  return Object.fromEntries(
    Object.entries(after)
      .filter(([name]) => before[name])
      .map(([name, histogram]) => [name, gcPausesBetween(before[name]!, histogram)]),
  );
}
