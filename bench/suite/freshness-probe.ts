import { Catalogue } from '@lr/catalogue';
import { summarise } from '../common/reporting-load';
import { probeRegistration } from './programme-load';

export interface ProbeEndpoints {
  /** e.g. http://127.0.0.1:18080/xapi */
  readonly lrs: string;
  readonly lrsAuth: string;
  readonly reporting: string;
  readonly reportingToken: string;
}

export interface FreshnessFigure {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface FreshnessResult {
  readonly probes: number;
  /** POSTs that were not accepted, and probes not visible within the time limit. */
  readonly failed: number;
  readonly timedOut: number;
  /** POST answered → GET /xapi/statements?statementId= finds it. */
  readonly visibleInStatements: FreshnessFigure;
  /** POST answered → the reporting API shows the learner's progress. */
  readonly progressChanged: FreshnessFigure;
}

const POLL_MS = 5;
const GIVE_UP_MS = 60_000;

/**
 * One probe at a time until the deadline: a registration of a new learner is posted, and from
 * the moment the POST is answered both reads are polled until they show it.
 */
export class FreshnessProbe {
  private readonly visible: number[] = [];
  private readonly progress: number[] = [];
  private probes = 0;
  private failed = 0;
  private timedOut = 0;

  constructor(
    private readonly endpoints: ProbeEndpoints,
    private readonly catalogue: Catalogue,
    private readonly tag: string,
  ) {}

  get count(): number {
    return this.probes;
  }

  async run(untilMs: number, gapMs: number): Promise<FreshnessResult> {
    while (performance.now() < untilMs) {
      await this.probeOnce();
      await sleep(gapMs);
    }
    const figure = (list: number[]): FreshnessFigure => {
      const { requests, p50Ms, p99Ms } = summarise(list);
      return { samples: requests, p50Ms, p99Ms, maxMs: Math.round(Math.max(0, ...list)) };
    };
    return {
      probes: this.probes,
      failed: this.failed,
      timedOut: this.timedOut,
      visibleInStatements: figure(this.visible),
      progressChanged: figure(this.progress),
    };
  }

  private async probeOnce(): Promise<void> {
    this.probes += 1;
    const email = `probe${this.probes}.${this.tag}@bench.example.gov.uk`;
    const { id, statement } = probeRegistration(this.catalogue, email);
    const posted = await fetch(`${this.endpoints.lrs}/statements`, {
      method: 'POST',
      headers: {
        authorization: this.endpoints.lrsAuth,
        'x-experience-api-version': '2.0.0',
        'content-type': 'application/json',
      },
      body: JSON.stringify(statement),
    }).catch(() => undefined);
    await posted?.arrayBuffer();
    if (posted?.status !== 200) {
      this.failed += 1;
      return;
    }
    const answeredAt = performance.now();
    const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }));
    const [visible, progress] = await Promise.all([
      this.until(answeredAt, `${this.endpoints.lrs}/statements?statementId=${id}`, {
        authorization: this.endpoints.lrsAuth,
        'x-experience-api-version': '2.0.0',
      }),
      this.until(answeredAt, `${this.endpoints.reporting}/v1/learners/progress?agent=${agent}`, {
        authorization: `Bearer ${this.endpoints.reportingToken}`,
      }),
    ]);
    if (visible === null || progress === null) this.timedOut += 1;
    this.visible.push(visible ?? GIVE_UP_MS);
    this.progress.push(progress ?? GIVE_UP_MS);
  }

  /** Milliseconds from `since` until url first answers 200, or null after GIVE_UP_MS. */
  private async until(
    since: number,
    url: string,
    headers: Record<string, string>,
  ): Promise<number | null> {
    while (performance.now() - since < GIVE_UP_MS) {
      const response = await fetch(url, { headers }).catch(() => undefined);
      await response?.arrayBuffer();
      if (response?.status === 200) return performance.now() - since;
      await sleep(POLL_MS);
    }
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
