import { Collection, Db, Document, Filter, MongoClient, ObjectId, Sort } from 'mongodb';
import { seededRandom } from '@lr/learning';
import { isolatedEnv } from '@lr/testing';

const DOCUMENTS = 1_500;
const QUERIES = 150;

/**
 * An indexed collection and an unindexed copy of the same documents must answer every query
 * alike: values of every type the indexes order (strings with NUL and non-ASCII, numbers of both
 * types and signs, dates, booleans, ObjectIds, null and missing, array elements) and ids of
 * several types, after updates and deletes. On the local server the index side reads the entries
 * it encodes itself (deploy/local/mongo/IndexKeyBytes.java), the other side scans.
 */
describe('secondary indexes agree with a scan', () => {
  const env = isolatedEnv();
  const next = seededRandom(20261123);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const oids = Array.from({ length: 4 }, (_, i) => new ObjectId(`6560000000000000000000${i}0`));
  const VALUES: readonly unknown[] = [
    ...['a', 'b', 'ab', 'a\u0000b', 'é', '😀', '', 'B'],
    ...[1, 2, -1, 0, -0.5, 1.5, 2 ** 40, -(2 ** 40), Infinity, -Infinity],
    ...[true, false, null, new Date(0), new Date(1e12), new Date(-1e5)],
    ...oids,
  ];
  const idOf = (i: number): unknown =>
    [`d\u0000é${String(i).padStart(5, '0')}`, i, new ObjectId(), i + 0.5, -i - 1, new Date(i)][
      i % 6
    ];
  let client: MongoClient;
  let db: Db;
  let indexed: Collection<Document>;
  let scanned: Collection<Document>;
  let documents: Document[];

  beforeAll(async () => {
    client = await MongoClient.connect(env.MONGO_URL!, { directConnection: true });
    db = client.db(env.MONGO_DATABASE);
    indexed = db.collection('indexed');
    scanned = db.collection('scanned');
    await indexed.createIndexes([
      { key: { s: 1, k: 1, t: -1 }, name: 'by_k' },
      { key: { s: 1, arr: 1, n: -1 }, name: 'by_element' },
      { key: { k: 1 }, name: 'k' },
      { key: { arr: 1 }, name: 'arr' },
    ]);
    documents = Array.from({ length: DOCUMENTS }, (_, i) => {
      const doc: Document = {
        _id: idOf(i),
        s: pick(['s1', 's2', 's3']),
        n: Math.floor(next() * 50),
        t: new Date(1.7e12 + Math.floor(next() * 1e6)),
      };
      if (next() < 0.9) doc.k = pick(VALUES);
      if (next() < 0.5)
        doc.arr = Array.from({ length: Math.floor(next() * 4) }, () => pick(VALUES));
      return doc;
    });
    for (const col of [indexed, scanned]) await col.insertMany(documents.map((d) => ({ ...d })));
    for (let i = 0; i < 100; i++) {
      const byId = { _id: pick(documents)._id as unknown } as Filter<Document>;
      const change = { $set: { k: pick(VALUES), arr: [pick(VALUES), pick(VALUES)] } };
      for (const col of [indexed, scanned]) await col.updateOne(byId, change);
    }
    for (let i = 0; i < 30; i++) {
      const byId = { _id: pick(documents)._id as unknown } as Filter<Document>;
      for (const col of [indexed, scanned]) await col.deleteOne(byId);
    }
  }, 60_000);

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  const idsOf = (found: Document[]) => JSON.stringify(found.map((d) => d._id as unknown));

  it('on equality prefixes with a sort and a limit, in the same order', async () => {
    for (let i = 0; i < QUERIES; i++) {
      const query: Document = { s: pick(['s1', 's2', 's3']) };
      const value = pick(VALUES.filter((v) => v !== null));
      if (next() < 0.5) query.k = value;
      else query.arr = value;
      const sort = pick<Sort>([
        { t: -1, _id: -1 },
        { t: 1, _id: 1 },
        { n: -1, _id: -1 },
        { n: 1, _id: 1 },
      ]);
      const limit = pick([0, 5, 50]);
      const run = (col: Collection<Document>) => col.find(query).sort(sort).limit(limit).toArray();
      const [fromIndex, fromScan] = await Promise.all([run(indexed), run(scanned)]);
      expect({ query, sort, limit, ids: idsOf(fromIndex) }).toEqual({
        query,
        sort,
        limit,
        ids: idsOf(fromScan),
      });
    }
  }, 60_000);

  it("on $in over an index's first field, with and without a sort", async () => {
    for (let i = 0; i < QUERIES; i++) {
      const values = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(VALUES));
      const field = pick(['k', 'arr', 's']);
      const query: Document =
        field === 's'
          ? { s: { $in: pick([['s1'], ['s1', 's3'], ['s2', 's2']]) }, n: { $lt: 25 } }
          : { [field]: { $in: values } };
      const sort = pick<Sort | undefined>([undefined, { t: -1, _id: -1 }, { n: 1, _id: 1 }]);
      const run = async (col: Collection<Document>) => {
        const found = await (sort ? col.find(query).sort(sort) : col.find(query)).toArray();
        return sort ? idsOf(found) : JSON.stringify(found.map((d) => JSON.stringify(d._id)).sort());
      };
      const [fromIndex, fromScan] = await Promise.all([run(indexed), run(scanned)]);
      expect({ query, sort, ids: fromIndex }).toEqual({ query, sort, ids: fromScan });
    }
  }, 60_000);

  it('on a single field, whatever the id type', async () => {
    for (const value of VALUES) {
      const run = async (col: Collection<Document>) =>
        (await col.find({ k: value }).toArray()).map((d) => JSON.stringify(d._id)).sort();
      const [fromIndex, fromScan] = await Promise.all([run(indexed), run(scanned)]);
      expect({ value, ids: fromIndex }).toEqual({ value, ids: fromScan });
    }
  });
});
