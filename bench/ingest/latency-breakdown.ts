/**
 * Where a write's latency goes, from the apps' own Prometheus histograms: their sums and counts
 * before and after a phase give the mean of each step over that phase.
 */
export interface LatencyBreakdown {
  /** One produce request (a flush of many writes; with its transaction when it has one). */
  readonly produceRequestMs: number | null;
  /** A write's wait for the statement store to pass its offsets. */
  readonly readYourWritesWaitMs: number | null;
  /** From a statement's `stored` until the statement store has written it. */
  readonly storeHasItMs: number | null;
}

export interface MetricsUrls {
  readonly lrs: string;
  readonly projector?: string;
}

type Totals = Record<keyof LatencyBreakdown, { sum: number; count: number }>;

const SERIES: Record<keyof LatencyBreakdown, { name: string; labels: string[] }> = {
  produceRequestMs: { name: 'lr_kafka_produce_duration_seconds', labels: ['outcome="ok"'] },
  readYourWritesWaitMs: { name: 'lr_read_your_writes_wait_seconds', labels: [] },
  storeHasItMs: {
    name: 'lr_projection_delay_seconds',
    labels: ['read_model="statement-store"'],
  },
};

/** Sums every series of each histogram whose labels include the wanted ones. */
export function totalsOf(prometheusText: string): Totals {
  const totals = {} as Totals;
  for (const [key, { name, labels }] of Object.entries(SERIES)) {
    const pick = (suffix: string) =>
      prometheusText
        .split('\n')
        .filter((line) => line.startsWith(`${name}_${suffix}`))
        .filter((line) => labels.every((label) => line.includes(label)))
        .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    totals[key as keyof LatencyBreakdown] = { sum: pick('sum'), count: pick('count') };
  }
  return totals;
}

export function breakdown(before: Totals, after: Totals): LatencyBreakdown {
  const mean = (key: keyof LatencyBreakdown) => {
    const count = after[key].count - before[key].count;
    const sum = after[key].sum - before[key].sum;
    return count > 0 ? Math.round((sum / count) * 10_000) / 10 : null;
  };
  return {
    produceRequestMs: mean('produceRequestMs'),
    readYourWritesWaitMs: mean('readYourWritesWaitMs'),
    storeHasItMs: mean('storeHasItMs'),
  };
}

/** Both apps' metrics as one text; an app that does not answer adds nothing. */
export async function scrape(urls: MetricsUrls): Promise<Totals> {
  const texts = await Promise.all(
    [urls.lrs, urls.projector]
      .filter((url): url is string => Boolean(url))
      .map((url) =>
        fetch(url)
          .then((response) => response.text())
          .catch(() => ''),
      ),
  );
  return totalsOf(texts.join('\n'));
}
