import { createServer, connect, Server, Socket } from 'node:net';
import { MongoClient } from 'mongodb';
import { isolatedEnv } from '@lr/testing';
import { installMongodbDrainFix, removeMongodbDrainFix } from './mongodb-drain-fix';

const BIG = 1 << 20;

/**
 * A TCP relay to the real server that, once told to, stops reading from any connection that has
 * sent more than a megabyte: a server that stopped answering in the middle of a large command.
 * Small commands (the driver's monitoring, the next operation) still pass.
 */
class StallingRelay {
  private readonly open: { client: Socket; server: Socket }[] = [];
  private readonly relay: Server;
  stallBigWrites = false;

  constructor(target: URL) {
    this.relay = createServer((client) => {
      const server = connect(Number(target.port || 27017), target.hostname);
      let sent = 0;
      client.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (this.stallBigWrites && sent > BIG) client.pause();
        else server.write(chunk);
      });
      server.pipe(client);
      const drop = () => {
        client.destroy();
        server.destroy();
      };
      client.on('error', drop).on('close', drop);
      server.on('error', drop).on('close', drop);
      this.open.push({ client, server });
    });
  }

  listen(): Promise<number> {
    return new Promise((done) =>
      this.relay.listen(0, '127.0.0.1', () =>
        done((this.relay.address() as { port: number }).port),
      ),
    );
  }

  close(): Promise<void> {
    for (const { client, server } of this.open) {
      client.destroy();
      server.destroy();
    }
    return new Promise((done) => this.relay.close(() => done()));
  }
}

/** Documents that together overrun every socket buffer on the way, so the write must wait. */
const bigDocuments = () =>
  Array.from({ length: 24 }, (_, i) => ({
    _id: `big-${i}-${Math.random()}`,
    pad: 'x'.repeat(1 << 20),
  }));

type Outcome = { settled: false } | { settled: true; error?: unknown };

/** Where the promise stands after `ms`: a hung operation has not settled. */
async function outcomeAfter(promise: Promise<unknown>, ms: number): Promise<Outcome> {
  let outcome: Outcome = { settled: false };
  promise.then(
    () => (outcome = { settled: true }),
    (error: unknown) => (outcome = { settled: true, error }),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return outcome;
}

/**
 * The driver's hang on a command still being written when it gives up on the connection (here:
 * its socket timeout, while the relay has stopped reading), on the real MongoDB-wire server.
 */
describe('mongodb drain fix', () => {
  const env = isolatedEnv();
  let relay: StallingRelay;
  let client: MongoClient;

  beforeEach(async () => {
    relay = new StallingRelay(new URL(env.MONGO_URL!));
    const port = await relay.listen();
    client = await MongoClient.connect(`mongodb://127.0.0.1:${port}`, {
      directConnection: true,
      socketTimeoutMS: 1_000,
      retryWrites: false,
    });
    await client.db(env.MONGO_DATABASE).command({ ping: 1 });
  });

  afterEach(async () => {
    installMongodbDrainFix();
    // Relay first: the client's close waits on connections that only an error ends.
    await relay.close();
    await client.close(true).catch(() => undefined);
  });

  afterAll(async () => {
    const cleanup = await MongoClient.connect(env.MONGO_URL!, { directConnection: true });
    await cleanup.db(env.MONGO_DATABASE).dropDatabase();
    await cleanup.close();
  });

  it('without it, the write waits forever (why it exists)', async () => {
    removeMongodbDrainFix();
    relay.stallBigWrites = true;
    const write = client
      .db(env.MONGO_DATABASE)
      .collection<{ _id: string; pad?: string }>('big')
      .insertMany(bigDocuments());
    // Well past the 1 s socket timeout, after which the driver destroyed the connection.
    expect(await outcomeAfter(write, 4_000)).toEqual({ settled: false });
  });

  it('with it, the write fails with a network error and the next one succeeds', async () => {
    installMongodbDrainFix();
    relay.stallBigWrites = true;
    const collection = client
      .db(env.MONGO_DATABASE)
      .collection<{ _id: string; pad?: string }>('big');
    const outcome = await outcomeAfter(collection.insertMany(bigDocuments()), 4_000);
    expect(outcome.settled).toBe(true);
    // insertMany reports it inside a bulk write error; it is the network error the fix raises.
    expect(outcome.settled && String(outcome.error)).toMatch(
      /connection closed while a command was still being written/,
    );
    await collection.insertOne({ _id: 'after' });
    expect(await collection.countDocuments({ _id: 'after' })).toBe(1);
  });
});
