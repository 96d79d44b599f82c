import { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { boundedBulkWrite } from './bounded-bulk-write';

type Op = AnyBulkWriteOperation<Document>;

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
      commands.push(
        ops.map((op) => (op as { deleteOne: { filter: { n: number } } }).deleteOne.filter.n),
      );
      if (slow) await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= ops.length;
      if (commands.at(-1)!.includes(failOn)) throw new Error(`refused ${failOn}`);
    },
  } as unknown as Collection<Document>;
  return { collection, commands, mostInFlight: () => mostInFlight };
}

const ops = (count: number, from = 0): Op[] =>
  Array.from({ length: count }, (_, i) => ({ deleteOne: { filter: { n: from + i } } }));

describe('boundedBulkWrite', () => {
  it('sends one command to MongoDB, however many operations', async () => {
    const mongo = collectionOn({ version: '7.0.14', ok: 1 });
    await boundedBulkWrite(mongo.collection, ops(250));
    expect(mongo.commands.map((c) => c.length)).toEqual([250]);
  });

  it('splits the operations into small commands on FerretDB, in their order', async () => {
    const ferret = collectionOn({ version: '7.0.42', ferretdbVersion: 'v1.24.2', ok: 1 });
    await boundedBulkWrite(ferret.collection, ops(20));
    expect(ferret.commands.map((c) => c.length)).toEqual([8, 8, 4]);
    expect(ferret.commands.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('keeps at most 24 operations in flight on FerretDB across concurrent calls', async () => {
    const ferret = collectionOn({ version: '7.0.42', ferretdbVersion: 'v1.24.2', ok: 1 }, true);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => boundedBulkWrite(ferret.collection, ops(16, i * 16))),
    );
    expect(ferret.commands.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 160 }, (_, i) => i),
    );
    expect(ferret.mostInFlight()).toBe(24);
  });

  it('stops at a failed command when ordered, and runs every command before throwing when not', async () => {
    const ferretdb = { version: '7.0.42', ferretdbVersion: 'v1.24.2', ok: 1 };
    const ordered = collectionOn(ferretdb, false, 3);
    await expect(boundedBulkWrite(ordered.collection, ops(20))).rejects.toThrow('refused 3');
    expect(ordered.commands).toHaveLength(1);

    const unordered = collectionOn(ferretdb, false, 3);
    await expect(
      boundedBulkWrite(unordered.collection, ops(20), { ordered: false }),
    ).rejects.toThrow('refused 3');
    expect(unordered.commands.flat()).toHaveLength(20);
  });

  it('sends nothing for no operations', async () => {
    const ferret = collectionOn({ ferretdbVersion: 'v1.24.2', ok: 1 });
    await boundedBulkWrite(ferret.collection, []);
    expect(ferret.commands).toEqual([]);
  });
});
