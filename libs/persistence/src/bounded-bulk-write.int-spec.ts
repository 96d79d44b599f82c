import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { boundedBulkWrite } from './bounded-bulk-write';

describe('boundedBulkWrite (int, the suite server)', () => {
  const dbName = `t_${randomUUID().slice(0, 8)}`;
  // Only creation races: FerretDB 1.x updates by read-then-replace, so concurrent updates of one
  // document can lose each other's changes (the projector shards what it must update at once).
  // Clients of their own, as separate projector or LRS processes would be.
  const clients: MongoClient[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 4; i++) clients.push(await MongoClient.connect(process.env.MONGO_URL!));
  });

  afterAll(async () => {
    await clients.at(0)?.db(dbName).dropDatabase();
    await Promise.all(clients.map((client) => client.close()));
  });

  it('lands every one of many concurrent upserts racing to create one _id, with no error', async () => {
    const writers = 16;
    for (let round = 0; round < 5; round++) {
      const _id = `raced-${round}`;
      await Promise.all(
        Array.from({ length: writers }, (_, n) =>
          boundedBulkWrite(
            clients[n % clients.length]!.db(dbName).collection<{
              _id: string;
              first?: number;
              seen?: boolean;
            }>('raced'),
            [
              {
                updateOne: {
                  filter: { _id },
                  update: { $setOnInsert: { first: n }, $set: { seen: true } },
                  upsert: true,
                },
              },
            ],
            { ordered: false },
          ),
        ),
      );
      const docs = await clients[0]!
        .db(dbName)
        .collection<{ _id: string }>('raced')
        .find({ _id })
        .toArray();
      expect(docs).toEqual([{ _id, first: expect.any(Number) as number, seen: true }]);
    }
  });
});
