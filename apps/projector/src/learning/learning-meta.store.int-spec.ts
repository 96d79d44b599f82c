import mongoose, { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { LearningMetaStore } from './learning-meta.store';

describe('LearningMetaStore (int, the suite server)', () => {
  // One connection per store, as projectors starting together in their own processes have.
  const connections: Connection[] = [];

  beforeAll(async () => {
    const dbName = `t_${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 3; i++) {
      connections.push(
        await mongoose.createConnection(process.env.MONGO_URL!, { dbName }).asPromise(),
      );
    }
  });

  afterAll(async () => {
    await connections.at(0)?.dropDatabase();
    await Promise.all(connections.map((connection) => connection.close()));
  });

  it('answers version 1 to every projector that starts at once on a new database', async () => {
    const stores = connections.map((connection) => new LearningMetaStore(connection));
    await expect(Promise.all(stores.map((store) => store.active()))).resolves.toEqual([1, 1, 1]);
  });

  it('answers the version switched to, once switched', async () => {
    const store = new LearningMetaStore(connections[0]!);
    const other = new LearningMetaStore(connections[1]!);
    await expect(store.switchTo(1, 2, new Date('2026-11-25T10:00:00Z'))).resolves.toBe(true);
    await expect(other.switchTo(1, 3, new Date('2026-11-25T10:00:01Z'))).resolves.toBe(false);
    await expect(other.active()).resolves.toBe(2);
  });
});
