import { randomUUID } from 'node:crypto';
import { StatementBuilder } from '@lr/testing';
import { adminCli, clientWith } from './credentials-cli';
import { RunningSystem, startSystem } from './system';

/** State, activity profile, agent profile, /agents and /activities over HTTP. */
describe('document resources, agents and activities', () => {
  let system: RunningSystem;
  const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:ann@example.gov.uk' }));
  const activity = encodeURIComponent('https://odp.example.gov.uk/units/lm-l3-u1');

  beforeAll(async () => {
    system = await startSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  const state = (stateId: string) =>
    `/xapi/activities/state?activityId=${activity}&agent=${agent}&stateId=${stateId}`;

  it('stores state, serves it with a quoted ETag, merges on POST, and refuses a stale If-Match', async () => {
    const url = state(`bookmark-${randomUUID()}`);
    expect(
      (await system.client.request(url, { method: 'PUT', body: JSON.stringify({ page: 3 }) }))
        .status,
    ).toBe(204);
    const first = await system.client.request(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(first.headers.get('last-modified')).toBeTruthy();
    expect(await first.json()).toEqual({ page: 3 });

    const merge = await system.client.request(url, {
      method: 'POST',
      body: JSON.stringify({ score: 7 }),
      headers: { 'if-match': etag },
    });
    expect(merge.status).toBe(204);
    expect(await (await system.client.request(url)).json()).toEqual({ page: 3, score: 7 });

    const stale = await system.client.request(url, {
      method: 'PUT',
      body: JSON.stringify({}),
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const blind = await system.client.request(url, { method: 'PUT', body: JSON.stringify({}) });
    expect(blind.status).toBe(409);
  });

  it('keeps binary documents byte for byte and answers HEAD without a body', async () => {
    const url = state(`suspend-${randomUUID()}`);
    const bytes = Buffer.from([0, 255, 13, 10, 45, 45, 128]);
    await system.client.request(url, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const got = await system.client.request(url);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
    const head = await system.client.request(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('lists profile ids and deletes with If-Match', async () => {
    const profile = `/xapi/activities/profile?activityId=${activity}&profileId=p-${randomUUID()}`;
    expect(
      (
        await system.client.request(profile, {
          method: 'PUT',
          body: '{"a":1}',
          headers: { 'if-none-match': '*' },
        })
      ).status,
    ).toBe(204);
    const ids = (await (
      await system.client.request(`/xapi/activities/profile?activityId=${activity}`)
    ).json()) as string[];
    expect(ids).toContain(new URL(`http://x${profile}`).searchParams.get('profileId'));
    const etag = (await system.client.request(profile)).headers.get('etag')!;
    expect(
      (
        await system.client.request(profile, {
          method: 'DELETE',
          headers: { 'if-match': '"stale"' },
        })
      ).status,
    ).toBe(412);
    expect(
      (await system.client.request(profile, { method: 'DELETE', headers: { 'if-match': etag } }))
        .status,
    ).toBe(204);
    expect((await system.client.request(profile)).status).toBe(404);
  });

  it('answers /agents with a Person and /activities with the definition statements gave it', async () => {
    const person = (await (
      await system.client.request(`/xapi/agents?agent=${agent}`)
    ).json()) as Record<string, unknown>;
    expect(person).toEqual({ objectType: 'Person', mbox: ['mailto:ann@example.gov.uk'] });

    const id = `https://odp.example.gov.uk/units/${randomUUID()}`;
    await system.client.postStatements(
      StatementBuilder.aStatement()
        .with({ object: { id, definition: { name: { 'en-GB': 'Managing change' } } } })
        .build(),
    );
    await system.client.postStatements(
      StatementBuilder.aStatement()
        .with({ object: { id, definition: { name: { cy: 'Rheoli newid' } } } })
        .build(),
    );
    const canonical = (await (
      await system.client.request(`/xapi/activities?activityId=${encodeURIComponent(id)}`)
    ).json()) as {
      definition: { name: Record<string, string> };
    };
    expect(canonical.definition.name).toEqual({ 'en-GB': 'Managing change', cy: 'Rheoli newid' });
  });

  it('lets only define-scoped credentials change a canonical definition', async () => {
    const writer = await clientWith(system, 'default', 'statements/write');
    const id = `https://odp.example.gov.uk/units/${randomUUID()}`;
    const withName = (name: string) =>
      StatementBuilder.aStatement()
        .with({ object: { id, definition: { name: { 'en-GB': name } } } })
        .build();
    expect((await writer.postStatements(withName('Not allowed'))).status).toBe(200);
    const url = `/xapi/activities?activityId=${encodeURIComponent(id)}`;
    expect(await (await system.client.request(url)).json()).toEqual({ objectType: 'Activity', id });
    await system.client.postStatements(withName('Allowed'));
    expect(await (await system.client.request(url)).json()).toMatchObject({
      definition: { name: { 'en-GB': 'Allowed' } },
    });
  });

  it('answers /agents with every identifier linked to the same person', async () => {
    const email = { mbox: `mailto:${randomUUID()}@example.gov.uk`, name: 'Ann Smith' };
    const staff = { account: { homePage: 'https://hr.example.gov.uk', name: randomUUID() } };
    await adminCli(
      system,
      'people',
      'link',
      '--store',
      'default',
      JSON.stringify(email),
      JSON.stringify(staff),
    );
    const url = `/xapi/agents?agent=${encodeURIComponent(JSON.stringify(staff))}`;
    expect(await (await system.client.request(url)).json()).toEqual({
      objectType: 'Person',
      name: ['Ann Smith'],
      mbox: [email.mbox],
      account: [staff.account],
    });
  });
});
