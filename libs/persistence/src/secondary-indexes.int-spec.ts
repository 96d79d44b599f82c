import { Collection, Db, MongoClient } from 'mongodb';
import { isolatedEnv } from '@lr/testing';

interface Doc {
  _id: string;
  storeId: string;
  agents: string[];
  n: number;
  stored: string;
}

const docs: Doc[] = [
  { _id: 'a', storeId: 's', agents: ['ann', 'bob'], n: 1, stored: '2026-01-01' },
  { _id: 'b', storeId: 's', agents: ['bob'], n: 2, stored: '2026-01-02' },
  { _id: 'c', storeId: 's', agents: [], n: 1, stored: '2026-01-03' },
  { _id: 'd', storeId: 't', agents: ['ann'], n: 1, stored: '2026-01-04' },
];

const ids = (found: Doc[]) => found.map((d) => d._id);

/**
 * What the statement store and read models rely on from non-unique, multikey, compound indexes,
 * on whatever MongoDB-wire server the tests run against (the local one builds its own).
 */
describe('queries served by secondary indexes', () => {
  const env = isolatedEnv();
  let client: MongoClient;
  let db: Db;
  let col: Collection<Doc>;

  beforeAll(async () => {
    client = await MongoClient.connect(env.MONGO_URL!, { directConnection: true });
    db = client.db(env.MONGO_DATABASE);
  });

  beforeEach(async () => {
    col = db.collection<Doc>(`c${Math.random().toString(36).slice(2)}`);
    await col.insertMany(docs.slice(0, 2));
    // Built over existing documents, then kept up to date.
    await col.createIndexes([
      { key: { storeId: 1, agents: 1, stored: -1 }, name: 'by_agent' },
      { key: { storeId: 1, stored: -1 }, name: 'by_stored' },
      { key: { n: 1 }, name: 'by_n' },
    ]);
    await col.insertMany(docs.slice(2));
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('finds by an element of an array field, with ranges and sort applied on top', async () => {
    expect(
      ids(await col.find({ storeId: 's', agents: 'bob' }).sort({ stored: -1 }).toArray()),
    ).toEqual(['b', 'a']);
    expect(ids(await col.find({ storeId: 's', agents: 'ann' }).toArray())).toEqual(['a']);
    expect(
      ids(await col.find({ storeId: 's', agents: 'bob', stored: { $lt: '2026-01-02' } }).toArray()),
    ).toEqual(['a']);
    expect(ids(await col.find({ storeId: 's' }).sort({ stored: 1 }).limit(2).toArray())).toEqual([
      'a',
      'b',
    ]);
  });

  it('finds and updates by id with more conditions: the id lookup, then the rest applied', async () => {
    // The local server used to serve these by reading the whole collection (GET by statementId).
    expect(ids(await col.find({ _id: 'a', n: 1 }).toArray())).toEqual(['a']);
    expect(ids(await col.find({ _id: 'a', n: 2 }).toArray())).toEqual([]);
    expect(ids(await col.find({ _id: { $in: ['a', 'b'] }, n: 2 }).toArray())).toEqual(['b']);
    expect((await col.updateOne({ _id: 'a', n: 2 }, { $set: { n: 3 } })).matchedCount).toBe(0);
    expect((await col.updateOne({ _id: 'a', n: 1 }, { $set: { n: 3 } })).modifiedCount).toBe(1);
    expect(ids(await col.find({ _id: 'a', n: 3 }).toArray())).toEqual(['a']);
  });

  it('matches numbers by value, whatever their type', async () => {
    expect(ids(await col.find({ n: 1.0 }).sort({ _id: 1 }).toArray())).toEqual(['a', 'c', 'd']);
    expect(ids(await col.find({ n: 2 }).toArray())).toEqual(['b']);
  });

  it('follows updates and deletes', async () => {
    await col.updateOne({ _id: 'a' }, { $set: { agents: ['cat'] } });
    await col.updateOne({ _id: 'c' }, { $addToSet: { agents: 'bob' } });
    await col.deleteOne({ _id: 'b' });

    expect(ids(await col.find({ storeId: 's', agents: 'bob' }).toArray())).toEqual(['c']);
    expect(ids(await col.find({ storeId: 's', agents: 'cat' }).toArray())).toEqual(['a']);
    expect(ids(await col.find({ storeId: 's', agents: 'ann' }).toArray())).toEqual([]);
    expect(await col.countDocuments({ n: 2 })).toBe(0);
  });

  it('pages in sort order, newest or oldest first, through a cursor condition under $and', async () => {
    const many = db.collection<Doc>(`p${Math.random().toString(36).slice(2)}`);
    await many.createIndex({ storeId: 1, agents: 1, stored: -1 }, { name: 'by_agent' });
    // Shared timestamps so the id has to break ties, as GET /statements pages do.
    const all = Array.from({ length: 60 }, (_, i) => ({
      _id: `s:${String(i).padStart(3, '0')}`,
      storeId: i % 10 === 0 ? 't' : 's',
      agents: i % 3 === 0 ? ['ann', 'bob'] : ['bob'],
      n: i,
      stored: `2026-01-${String(10 + Math.floor(i / 4)).padStart(2, '0')}`,
    }));
    await many.insertMany(all);
    const expected = (direction: 1 | -1) =>
      all
        .filter((d) => d.storeId === 's' && d.agents.includes('ann'))
        .sort(
          (a, b) => direction * (a.stored.localeCompare(b.stored) || a._id.localeCompare(b._id)),
        )
        .map((d) => d._id);

    for (const direction of [-1, 1] as const) {
      const beyond = direction === 1 ? '$gt' : '$lt';
      const seen: string[] = [];
      let after: Doc | undefined;
      for (;;) {
        const base = { storeId: 's', agents: 'ann' };
        const filter = after
          ? {
              $and: [
                base,
                {
                  $or: [
                    { stored: { [beyond]: after.stored } },
                    { stored: after.stored, _id: { [beyond]: after._id } },
                  ],
                },
              ],
            }
          : base;
        const page = await many
          .find(filter)
          .sort({ stored: direction, _id: direction })
          .limit(4)
          .toArray();
        seen.push(...ids(page));
        if (page.length < 4) break;
        after = page.at(-1);
      }
      expect(seen).toEqual(expected(direction));
    }
  });

  it('refuses a document with parallel arrays in one compound index and stores nothing of it', async () => {
    await col.createIndex({ agents: 1, tags: 1 }, { name: 'parallel' });
    await expect(
      col.insertOne({
        _id: 'p',
        storeId: 's',
        agents: ['x'],
        tags: ['y'],
        n: 3,
        stored: '',
      } as Doc),
    ).rejects.toThrow(/parallel arrays/);

    expect(await col.findOne({ _id: 'p' })).toBeNull();
    expect(ids(await col.find({ n: 3 }).toArray())).toEqual([]);
  });
});
