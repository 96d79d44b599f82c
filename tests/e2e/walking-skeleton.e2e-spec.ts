import { StatementBuilder, waitFor } from '@lr/testing';
import { RunningSystem, startSystem } from './system';

/** A statement posted to the LRS goes through Kafka and the projector into MongoDB and back. */
describe('walking skeleton: POST → Kafka → projector → MongoDB → GET', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('stores a posted statement and serves it back with the LRS-filled fields', async () => {
    const statement = StatementBuilder.aStatement().byLearner('ann@example.gov.uk').build();
    const posted = await system.client.postStatements(statement);
    expect(posted.status).toBe(200);
    expect(posted.headers.get('x-experience-api-version')).toBe('2.0.0');
    const [id] = (await posted.json()) as string[];

    const stored = await waitFor(
      async () => {
        const response = await system.client.getStatement(id!);
        return response.status === 200
          ? ((await response.json()) as Record<string, unknown>)
          : undefined;
      },
      { what: 'the statement to be readable' },
    );
    expect(stored).toMatchObject({ ...statement, id, version: '2.0.0' });
    expect(stored.authority).toMatchObject({ account: { name: 'e2e-key' } });
    expect(Date.parse(stored.stored as string)).not.toBeNaN();
  });

  it('keeps a batch whole and in order, and lists it newest first', async () => {
    const batch = ['launched', 'progressed', 'completed'].map((verb) =>
      StatementBuilder.aStatement().withId().byLearner('bob@example.gov.uk').withVerb(verb).build(),
    );
    const posted = await system.client.postStatements(batch);
    expect(await posted.json()).toEqual(batch.map((s) => s.id));
    await waitFor(async () => {
      const response = await system.client.getStatement(batch[2]!.id as string);
      return response.status === 200 ? true : undefined;
    });
    const list = (await (await system.client.request('/xapi/statements?limit=10')).json()) as {
      statements: { id: string }[];
    };
    const ids = list.statements.map((s) => s.id);
    for (const s of batch) expect(ids).toContain(s.id);
  });

  it('answers 404 for an unknown statement id', async () => {
    const response = await system.client.getStatement('6fbd600f-d17c-4c74-801a-2ec2e53231c7');
    expect(response.status).toBe(404);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain('no statement');
  });

  it('rejects bad input with a specific 4xx, never a 500', async () => {
    const noVerb = await system.client.postStatements(
      StatementBuilder.aStatement().without('verb').build(),
    );
    expect(noVerb.status).toBe(400);
    expect(await noVerb.json()).toMatchObject({ message: 'statements[0].verb: is required' });

    const malformed = await system.client.request('/xapi/statements', {
      method: 'POST',
      body: '{"actor":',
    });
    expect(malformed.status).toBe(400);

    const duplicateIds = StatementBuilder.aStatement().withId().build();
    const dup = await system.client.postStatements([duplicateIds, duplicateIds]);
    expect(dup.status).toBe(400);
  });

  it('requires credentials and the xAPI version header, but not for /about', async () => {
    const anonymous = await system.client.request('/xapi/statements', { auth: false });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-experience-api-version')).toBe('2.0.0');

    const noVersion = await system.client.request('/xapi/statements', { version: null });
    expect(noVersion.status).toBe(400);

    const about = await system.client.request('/xapi/about', { auth: false, version: null });
    expect(about.status).toBe(200);
    expect(await about.json()).toMatchObject({ version: ['1.0.3', '2.0.0'] });
  });

  it('reports both apps live and ready', async () => {
    for (const app of [system.lrs, system.projector]) {
      const ready = await fetch(`${app.baseUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        info: { kafka: { status: 'up' }, mongo: { status: 'up' } },
      });
      expect((await fetch(`${app.baseUrl}/health/live`)).status).toBe(200);
    }
  });

  it('shuts down cleanly on SIGTERM: in-flight work finished, offsets committed, group left', async () => {
    // Nest re-raises the signal after its shutdown hooks ran; SIGKILL would mean it hung.
    expect(await system.projector.stop()).toBe('SIGTERM');
    expect(await system.lrs.stop()).toBe('SIGTERM');
  });
});
