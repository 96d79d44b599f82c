import { StatementBuilder, waitFor } from '@lr/testing';
import { controlKafka } from '../setup/infrastructure';
import { RunningSystem, startSystem } from './system';

/** Killing the broker makes readiness fail within seconds; the system recovers on its own. */
describe('broker outage', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem();
  });

  afterAll(async () => {
    await controlKafka('start');
    await system?.stop();
  });

  it('reports not-ready and answers 503 while Kafka is down, and recovers when it is back', async () => {
    await controlKafka('stop');
    const stoppedAt = Date.now();
    await waitFor(
      async () =>
        (await fetch(`${system.lrs.baseUrl}/health/ready`)).status === 503 ? true : undefined,
      { timeoutMs: 10_000, what: 'lrs-api readiness to fail' },
    );
    const detectedAfterMs = Date.now() - stoppedAt;
    expect(detectedAfterMs).toBeLessThan(10_000);
    process.stdout.write(`readiness reported the outage after ${detectedAfterMs} ms\n`);
    const projectorReady = await fetch(`${system.projector.baseUrl}/health/ready`);
    expect(projectorReady.status).toBe(503);
    const liveness = await fetch(`${system.lrs.baseUrl}/health/live`);
    expect(liveness.status).toBe(200);

    let t = Date.now();
    const refused = await system.client.postStatements(StatementBuilder.aStatement().build());
    process.stdout.write(
      `write during outage answered ${refused.status} after ${Date.now() - t} ms\n`,
    );
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);

    t = Date.now();
    await controlKafka('start');
    await system.lrs.waitReady(60_000);
    await system.projector.waitReady(60_000);
    process.stdout.write(`ready again ${Date.now() - t} ms after the broker start was asked\n`);
    t = Date.now();

    const statement = StatementBuilder.aStatement().withId().build();
    const accepted = await waitFor(
      async () => {
        const response = await system.client.postStatements(statement);
        return response.status === 200 ? response : undefined;
      },
      { timeoutMs: 30_000, what: 'a write to succeed after recovery' },
    );
    expect(accepted.status).toBe(200);
    await waitFor(
      async () =>
        (await system.client.getStatement(statement.id as string)).status === 200
          ? true
          : undefined,
      { timeoutMs: 30_000, what: 'the projector to store the statement after recovery' },
    );
    process.stdout.write(`first write after recovery readable after ${Date.now() - t} ms\n`);
  });
});
