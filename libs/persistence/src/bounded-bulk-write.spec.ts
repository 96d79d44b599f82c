import { AnyBulkWriteOperation, Collection, Document, MongoServerError } from 'mongodb';
import { boundedBulkWrite } from './bounded-bulk-write';

type Op = AnyBulkWriteOperation<{ _id?: string } & Document>;

/** A collection on a fake client whose buildInfo names the server; bulkWrite records commands. */
function collectionOn(buildInfo: Document, slow = false, failOn = -1) {
  const commands: number[][] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const client = { db: () => ({ command: () => Promise.resolve(buildInfo) }) };
  const collection = {
    conn: { getClient: () => client },
    bulkWrite: async (ops: Op[]) => {
      inFlight += ops.length;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const numbers = ops.map(
        (op) => (op as { deleteOne: { filter: { n: number } } }).deleteOne.filter.n,
      );
      commands.push(numbers);
      if (slow) await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= ops.length;
      if (numbers.includes(failOn)) throw new Error(`refused ${failOn}`);
    },
  } as unknown as Collection<Document>;
  return { collection, commands, mostInFlight: () => mostInFlight };
}

const ops = (count: number, from = 0): Op[] =>
  Array.from({ length: count }, (_, i) => ({ deleteOne: { filter: { n: from + i } } }));

/** Operations numbered from 1, each on the _id given. */
const onIds = (ids: string[]): Op[] =>
  ids.map((_id, i) => ({ deleteOne: { filter: { _id, n: i + 1 } } }));

const FERRETDB = { version: '7.0.42', ferretdbVersion: 'v1.24.2', ok: 1 };

describe('boundedBulkWrite', () => {
  it('sends one command to MongoDB, however many operations', async () => {
    const mongo = collectionOn({ version: '7.0.14', ok: 1 });
    await boundedBulkWrite(mongo.collection, ops(250));
    expect(mongo.commands.map((c) => c.length)).toEqual([250]);
  });

  it('sends each operation alone to FerretDB, in their order when ordered', async () => {
    const ferret = collectionOn(FERRETDB);
    await boundedBulkWrite(ferret.collection, ops(20));
    expect(ferret.commands.every((c) => c.length === 1)).toBe(true);
    expect(ferret.commands.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('sends an operation SQLite refused as busy again, and gives up after five tries', async () => {
    const busy = (times: number) => {
      let refusals = 0;
      const sent: number[] = [];
      const client = { db: () => ({ command: () => Promise.resolve(FERRETDB) }) };
      const collection = {
        conn: { getClient: () => client },
        bulkWrite: (batch: Op[]) => {
          const n = (batch[0] as { deleteOne: { filter: { n: number } } }).deleteOne.filter.n;
          sent.push(n);
          if (n === 1 && refusals++ < times) {
            return Promise.reject(new Error('database is locked (5) (SQLITE_BUSY)'));
          }
          return Promise.resolve();
        },
      } as unknown as Collection<Document>;
      return { collection, sent };
    };
    const twice = busy(2);
    await boundedBulkWrite(twice.collection, ops(3));
    expect(twice.sent).toEqual([0, 1, 1, 1, 2]);
    const always = busy(99);
    await expect(boundedBulkWrite(always.collection, ops(3))).rejects.toThrow('SQLITE_BUSY');
    expect(always.sent).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it('sends an upsert that lost the race for its _id again, but not an insert', async () => {
    const sent: string[] = [];
    const client = { db: () => ({ command: () => Promise.resolve(FERRETDB) }) };
    const raced = new Set<string>();
    const collection = {
      conn: { getClient: () => client },
      bulkWrite: (batch: Op[]) => {
        const kind = Object.keys(batch[0] ?? {}).join();
        sent.push(kind);
        if (raced.has(kind)) return Promise.resolve();
        raced.add(kind);
        return Promise.reject(
          new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key' }),
        );
      },
    } as unknown as Collection<{ _id?: string } & Document>;
    const upsert: Op = {
      updateOne: { filter: { _id: 'a' }, update: { $set: { n: 1 } }, upsert: true },
    };
    await boundedBulkWrite(collection, [upsert]);
    expect(sent).toEqual(['updateOne', 'updateOne']);
    await expect(
      boundedBulkWrite(collection, [{ insertOne: { document: { _id: 'a' } } }]),
    ).rejects.toThrow('E11000');
    expect(sent).toEqual(['updateOne', 'updateOne', 'insertOne']);
  });

  it('keeps at most 24 operations in flight on FerretDB across concurrent calls', async () => {
    const ferret = collectionOn({ version: '7.0.42', ferretdbVersion: 'v1.24.2', ok: 1 }, true);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        boundedBulkWrite(
          ferret.collection,
          onIds(Array.from({ length: 16 }, (_, k) => `id-${i * 16 + k}`)),
          { ordered: false },
        ),
      ),
    );
    expect(ferret.commands.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 160 }, (_, i) => (i % 16) + 1).sort((a, b) => a - b),
    );
    expect(ferret.mostInFlight()).toBe(24);
  });

  it('stops at a failed command when ordered', async () => {
    const ordered = collectionOn(FERRETDB, false, 3);
    await expect(boundedBulkWrite(ordered.collection, ops(20))).rejects.toThrow('refused 3');
    expect(ordered.commands.flat()).toEqual([0, 1, 2, 3]);
  });

  it('sends each operation alone when unordered, runs them all, then throws the failure', async () => {
    const unordered = collectionOn(FERRETDB, true, 3);
    await expect(
      boundedBulkWrite(
        unordered.collection,
        onIds(Array.from({ length: 40 }, (_, i) => `id-${i}`)),
        { ordered: false },
      ),
    ).rejects.toThrow('refused 3');
    expect(unordered.commands.every((c) => c.length === 1)).toBe(true);
    expect(unordered.commands.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(unordered.mostInFlight()).toBe(24);
  });

  it('runs unordered operations on one _id one after another, in their order', async () => {
    const ferret = collectionOn(FERRETDB, true);
    const running = boundedBulkWrite(ferret.collection, onIds(['a', 'b', 'a', 'a', 'b']), {
      ordered: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 1));
    // The first of each _id is in flight; the other operations on those ids wait for it.
    expect(ferret.commands.flat().sort()).toEqual([1, 2]);
    await running;
    const order = ferret.commands.flat();
    expect(order.filter((n) => [1, 3, 4].includes(n))).toEqual([1, 3, 4]);
    expect(order.filter((n) => [2, 5].includes(n))).toEqual([2, 5]);
  });

  it('sends nothing for no operations', async () => {
    const ferret = collectionOn({ ferretdbVersion: 'v1.24.2', ok: 1 });
    await boundedBulkWrite(ferret.collection, []);
    expect(ferret.commands).toEqual([]);
  });
});
