import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { findByIds } from './find-by-ids';
import { serverKind } from './server-kind';

describe('findByIds (int, the suite server)', () => {
  let client: MongoClient;
  const dbName = `t_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGO_URL!);
  });

  afterAll(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('finds each stored id once, leaves unknown ids out and keeps the projection', async () => {
    const collection = client
      .db(dbName)
      .collection<{ _id: string; n: number; big: string }>('docs');
    await collection.insertMany(
      Array.from({ length: 40 }, (_, n) => ({ _id: `doc-${n}`, n, big: 'x'.repeat(100) })),
    );
    const asked = [
      'doc-3',
      'doc-39',
      'nope',
      'doc-3',
      'doc-0',
      ...Array.from({ length: 20 }, (_, n) => `doc-${n + 10}`),
    ];

    const found = await findByIds(collection, asked, { projection: { n: 1 } });

    expect(found.map((doc) => doc._id).sort()).toEqual(
      [...new Set(asked)].filter((id) => id !== 'nope').sort(),
    );
    expect(found.find((doc) => doc._id === 'doc-39')).toEqual({ _id: 'doc-39', n: 39 });
    await expect(findByIds(collection, [])).resolves.toEqual([]);
  });

  it('asks the server what it is once per client', async () => {
    const first = serverKind(client);
    expect(serverKind(client)).toBe(first);
    const info = await client.db('admin').command({ buildInfo: 1 });
    await expect(first).resolves.toBe('ferretdbVersion' in info ? 'ferretdb' : 'mongodb');
  });
});
