import { randomBytes } from 'node:crypto';
import { loadCatalogue } from '@lr/catalogue';
import { LearnerJourney } from '@lr/learning';
import { AppProcess, freePort, isolatedEnv, waitFor } from '@lr/testing';
import { LrsClient } from './lrs-client';
import { OtlpReceiver } from './otlp-receiver';
import { dropDatabase } from './system';

const CORRELATION_ID = `e2e-obs-${randomBytes(4).toString('hex')}`;
const TRACE_ID = randomBytes(16).toString('hex');
const CALLER_SPAN = randomBytes(8).toString('hex');

/** The JSON log lines of an app's output that name a correlation id. */
function linesWith(app: AppProcess, id: string): Record<string, unknown>[] {
  return app.logs
    .split('\n')
    .filter((line) => line.includes(id))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Values of one metric's series whose labels include the given ones. */
async function series(
  app: AppProcess,
  name: string,
  labels: Record<string, string> = {},
): Promise<number[]> {
  const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}

/**
 * One registration POSTed with an X-Correlation-Id and a caller's traceparent, followed through
 * lrs-api → Kafka → projector → learning event → accreditation gateway: the id is in each app's
 * JSON log lines, /metrics shows the traffic, and every hop's span belongs to the caller's trace.
 */
describe('logs, metrics and traces (e2e)', () => {
  let receiver: OtlpReceiver;
  let lrs: AppProcess;
  let projector: AppProcess;
  let gateway: AppProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    env = isolatedEnv({
      LRS_DEV_KEY: 'e2e-key',
      LRS_DEV_SECRET: 'e2e-secret-123',
      LOG_LEVEL: 'debug',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
    // No awarding body listens there: claims are recorded and then wait, which is all we need.
    const nobody = `http://127.0.0.1:${await freePort()}`;
    [lrs, projector, gateway] = await Promise.all([
      AppProcess.start('lrs-api', env),
      AppProcess.start('projector', env),
      AppProcess.start('accreditation-gateway', {
        ...env,
        CITY_AND_GUILDS_URL: `${nobody}/city-and-guilds`,
        CMI_URL: `${nobody}/cmi`,
      }),
    ]);
    const client = new LrsClient(lrs.baseUrl, env.LRS_DEV_KEY!, env.LRS_DEV_SECRET!);
    const registration = LearnerJourney.of(loadCatalogue(), 'ODP-L2-CS', {
      email: 'traced.learner@example.gov.uk',
      name: 'Traced Learner',
    })
      .registered()
      .build();
    const response = await client.request('/xapi/statements', {
      method: 'POST',
      body: JSON.stringify(registration),
      headers: {
        'x-correlation-id': CORRELATION_ID,
        traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`,
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBe(CORRELATION_ID);
  });

  afterAll(async () => {
    await Promise.all([lrs?.stop(), projector?.stop(), gateway?.stop()]);
    await receiver?.close();
    if (env) await dropDatabase(env);
  });

  it('carries the correlation id into the JSON logs of the projector and the gateway', async () => {
    const projected = await waitFor(
      () => {
        const lines = linesWith(projector, CORRELATION_ID);
        const contexts = new Set(lines.map((line) => line.context));
        return contexts.has('ConsumerRunner') && contexts.has('LearningConsumer')
          ? lines
          : undefined;
      },
      { timeoutMs: 60_000, what: 'projector log lines with the correlation id' },
    );
    for (const line of projected) {
      expect(line.app).toBe('projector');
      expect(String(line.correlationId).split(',')).toContain(CORRELATION_ID);
      expect(line.traceId).toBe(TRACE_ID);
    }
    const claimed = await waitFor(
      () => {
        const lines = linesWith(gateway, CORRELATION_ID);
        return lines.some((line) => String(line.msg).includes('recorded (registration'))
          ? lines
          : undefined;
      },
      { timeoutMs: 60_000, what: 'gateway log line recording the claim' },
    );
    expect(claimed[0]).toMatchObject({
      app: 'accreditation-gateway',
      correlationId: CORRELATION_ID,
    });
  });

  it('shows the write on the lrs-api metrics', async () => {
    expect((await series(lrs, 'lr_statements_accepted_total'))[0]).toBeGreaterThanOrEqual(1);
    const posts = await series(lrs, 'lr_http_request_duration_seconds_count', {
      method: 'POST',
      route: '/xapi/statements',
      status: '200',
    });
    expect(posts).toEqual([1]);
    const [postSeconds] = await series(lrs, 'lr_http_request_duration_seconds_sum', {
      route: '/xapi/statements',
    });
    expect(postSeconds).toBeGreaterThan(0);
    expect(postSeconds).toBeLessThan(30);
    expect(await series(lrs, 'lr_kafka_produce_duration_seconds_count', { outcome: 'ok' })).toEqual(
      [expect.any(Number)],
    );
    expect(
      await series(lrs, 'lr_read_your_writes_wait_seconds_count', { outcome: 'visible' }),
    ).toEqual([1]);
  });

  it('shows the projection caught up on the projector metrics', async () => {
    for (const group of ['projector.statement-store', 'learning-projector.v1']) {
      const labels = { group: `${env.KAFKA_TOPIC_PREFIX}.${group}` };
      const lags = await waitFor(
        async () => {
          const values = await series(projector, 'lr_kafka_consumer_lag', labels);
          return values.length === 3 && values.every((lag) => lag === 0) ? values : undefined;
        },
        { timeoutMs: 30_000, what: `${group} to show lag 0 on 3 partitions` },
      );
      expect(lags).toEqual([0, 0, 0]);
    }
    for (const readModel of ['statement-store', 'learning']) {
      const labels = { read_model: readModel };
      expect(await series(projector, 'lr_statements_projected_total', labels)).toEqual([1]);
      const [freshness] = await series(projector, 'lr_projection_freshness_seconds', labels);
      expect(freshness).toBeGreaterThanOrEqual(0);
      expect(freshness).toBeLessThan(60);
    }
  });

  it('shows the claim on the gateway metrics', async () => {
    await waitFor(
      async () => {
        const claims = await series(gateway, 'lr_claims');
        return claims.reduce((sum, n) => sum + n, 0) >= 1 ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'lr_claims to count the registration claim' },
    );
  });

  it("puts every hop's span in the caller's trace", async () => {
    const spans = await waitFor(
      () => {
        const inTrace = receiver.inTrace(TRACE_ID);
        const services = new Set(inTrace.map((span) => span.service));
        return ['lrs-api', 'projector', 'accreditation-gateway'].every((s) => services.has(s))
          ? inTrace
          : undefined;
      },
      { timeoutMs: 60_000, what: 'spans of all three apps in the trace' },
    );
    const post = spans.find((span) => span.service === 'lrs-api')!;
    expect(post).toMatchObject({ name: 'POST /xapi/statements', parentSpanId: CALLER_SPAN });
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const consumed = spans.filter((span) => span.service === 'projector');
    expect(consumed.map((span) => span.parentSpanId)).toContain(post.spanId);
    const claimed = spans.find((span) => span.service === 'accreditation-gateway')!;
    expect(claimed.name).toBe(`${env.KAFKA_TOPIC_PREFIX}.learning.events.v1 process`);
    expect(byId.get(claimed.parentSpanId)?.service).toBe('projector');
  });
});
