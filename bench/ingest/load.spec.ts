import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { LoadTarget, runLoad } from './load';

interface Seen {
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

/** Answers 200 to the first `accept` POSTs and 400 after, keeping what each one carried. */
async function lrsStandIn(accept: number): Promise<{ server: Server; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      response.statusCode = seen.length <= accept ? 200 : 400;
      response.end('["id"]');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, seen };
}

function targetOf(server: Server): LoadTarget {
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    auth: 'Basic a2V5OnNlY3JldA==',
    statementsPath: '/lrs/statements',
    xapiVersion: '1.0.3',
  };
}

describe('runLoad', () => {
  it('posts batches with the target’s path and headers, and counts only 200s as statements', async () => {
    const { server, seen } = await lrsStandIn(3);
    try {
      const result = await runLoad(
        targetOf(server),
        { batchSize: 10, concurrency: 2, seconds: 30, maxStatements: 50 },
        () => undefined,
      );
      expect(result).toMatchObject({ requests: 5, statements: 30, errors: 2 });
      expect(result.latenciesMs).toHaveLength(5);
      expect(seen).toHaveLength(5);
      for (const { headers, body } of seen) {
        expect(headers).toMatchObject({
          authorization: 'Basic a2V5OnNlY3JldA==',
          'x-experience-api-version': '1.0.3',
          'content-type': 'application/json',
        });
        expect(body).toHaveLength(10);
      }
    } finally {
      server.close();
    }
  });

  it('sends a single statement as an object, not an array of one', async () => {
    const { server, seen } = await lrsStandIn(1);
    try {
      await runLoad(
        targetOf(server),
        { batchSize: 1, concurrency: 1, seconds: 30, maxStatements: 1 },
        () => undefined,
      );
      expect(seen).toHaveLength(1);
      expect(seen[0]!.body).toMatchObject({ actor: { objectType: 'Agent' }, verb: {} });
    } finally {
      server.close();
    }
  });

  it('gives each statement its own random id only when asked to, as xAPI clients do', async () => {
    const { server, seen } = await lrsStandIn(4);
    try {
      for (const clientIds of [false, true]) {
        await runLoad(
          targetOf(server),
          { batchSize: 2, concurrency: 1, seconds: 30, maxStatements: 4, clientIds },
          () => undefined,
        );
      }
      const ids = seen.flatMap(({ body }) => (body as { id?: string }[]).map((s) => s.id));
      expect(ids.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
      expect(new Set(ids.slice(4)).size).toBe(4);
      ids.slice(4).forEach((id) => expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/));
    } finally {
      server.close();
    }
  });

  it('counts a request the server never answers as an error instead of failing the run', async () => {
    const { server } = await lrsStandIn(0);
    const target = targetOf(server);
    await new Promise((resolve) => server.close(resolve));
    const result = await runLoad(
      target,
      { batchSize: 1, concurrency: 1, seconds: 30, maxStatements: 2 },
      () => undefined,
    );
    expect(result).toMatchObject({ requests: 2, statements: 0, errors: 2 });
  });
});
