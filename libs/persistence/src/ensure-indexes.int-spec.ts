import { MongoClient } from 'mongodb';
import { isolatedEnv } from '@lr/testing';
import { ensureIndexes, NamedIndex } from './ensure-indexes';

const SPECS: NamedIndex[] = [
  { key: { a: 1 }, name: 'a' },
  { key: { b: 1, a: 1 }, name: 'b_a' },
  { key: { c: 1 }, name: 'c' },
];

describe('ensureIndexes on a real MongoDB-wire server', () => {
  const env = isolatedEnv();
  let client: MongoClient;

  beforeAll(async () => {
    client = await MongoClient.connect(env.MONGO_URL!, { directConnection: true });
  });

  afterAll(async () => {
    await client.db(env.MONGO_DATABASE).dropDatabase();
    await client.close();
  });

  it('creates missing indexes on a new collection, and asking again (as a restart does) changes nothing', async () => {
    const collection = client.db(env.MONGO_DATABASE).collection('restarted');
    await ensureIndexes(collection, SPECS);
    await ensureIndexes(collection, SPECS);
    await ensureIndexes(collection, [...SPECS, { key: { d: -1 }, name: 'd' }]);
    const names = (await collection.listIndexes().toArray()).map((i) =>
      String((i as { name?: unknown }).name),
    );
    expect(names.sort()).toEqual(['_id_', 'a', 'b_a', 'c', 'd']);
    await collection.insertOne({ a: 1, b: 2, c: 3, d: 4 });
    expect(await collection.countDocuments({ b: 2, a: 1 })).toBe(1);
  });
});
