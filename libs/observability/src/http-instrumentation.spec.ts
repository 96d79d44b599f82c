import Fastify, { FastifyInstance } from 'fastify';
import { bearerMatches, instrumentHttp, requestTelemetry } from './http-instrumentation';
import { currentTelemetry } from './telemetry-context';

const TOKEN = 'metrics-token-0123456789';

async function app(token?: string): Promise<FastifyInstance> {
  const fastify = Fastify();
  instrumentHttp(fastify, token);
  fastify.post('/learners/:id', async (request) => ({
    correlationId: requestTelemetry(request)?.correlationId,
    // Requests never enter AsyncLocalStorage: its promise hook would slow every promise.
    ambient: currentTelemetry() ?? null,
  }));
  await fastify.ready();
  return fastify;
}

describe('instrumentHttp', () => {
  let fastify: FastifyInstance;
  afterEach(() => fastify.close());

  it("keeps a caller's correlation id through body parsing and echoes it", async () => {
    fastify = await app();
    const response = await fastify.inject({
      method: 'POST',
      url: '/learners/7',
      headers: { 'x-correlation-id': 'caller-1', 'content-type': 'application/json' },
      payload: JSON.stringify({ big: 'x'.repeat(100_000) }),
    });
    expect(response.headers['x-correlation-id']).toBe('caller-1');
    expect(response.json()).toEqual({ correlationId: 'caller-1', ambient: null });
  });

  it('makes a new id when the caller sends none or an unsafe one', async () => {
    fastify = await app();
    const response = await fastify.inject({
      method: 'POST',
      url: '/learners/7',
      headers: { 'x-correlation-id': 'bad id\twith spaces' },
    });
    const id = response.headers['x-correlation-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.json()).toEqual({ correlationId: id, ambient: null });
  });

  it('times requests by route template, never by raw path', async () => {
    fastify = await app();
    await fastify.inject({ method: 'POST', url: '/learners/1' });
    await fastify.inject({ method: 'POST', url: '/learners/2' });
    await fastify.inject({ method: 'GET', url: '/nothing/here' });
    const metrics = (await fastify.inject({ method: 'GET', url: '/metrics' })).body;
    const count = (labels: string) =>
      Number(
        new RegExp(`lr_http_request_duration_seconds_count\\{${labels}\\} (\\d+)`).exec(
          metrics,
        )?.[1],
      );
    expect(count('method="POST",route="/learners/:id",status="200"')).toBeGreaterThanOrEqual(2);
    expect(count('method="GET",route="unmatched",status="404"')).toBeGreaterThanOrEqual(1);
    expect(metrics).not.toContain('/learners/1');
  });

  it('serves /metrics openly without a token, and only with it when one is set', async () => {
    fastify = await app(TOKEN);
    expect((await fastify.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = { authorization: 'Bearer not-the-token-at-all' };
    expect(
      (await fastify.inject({ method: 'GET', url: '/metrics', headers: wrong })).statusCode,
    ).toBe(401);
    const right = await fastify.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.headers['content-type']).toContain('text/plain');
    await fastify.close();
    fastify = await app();
    expect((await fastify.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });

  it('compares bearer tokens exactly', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
  });
});
