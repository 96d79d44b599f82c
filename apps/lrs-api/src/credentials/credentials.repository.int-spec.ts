import mongoose, { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Credential } from './credential';
import { CredentialsRepository } from './credentials.repository';

describe('CredentialsRepository (int, the suite server)', () => {
  // A connection each, as LRS instances starting together have.
  const connections: Connection[] = [];
  const now = new Date('2026-11-25T09:00:00Z');
  const developer = (storeId: string): Credential => ({
    key: 'dev-key',
    name: 'developer',
    storeId,
    scopes: ['all'],
    revoked: false,
  });

  beforeAll(async () => {
    const dbName = `t_${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 4; i++) {
      const connection = mongoose.createConnection(process.env.MONGO_URL!, { dbName });
      connections.push(await connection.asPromise());
    }
  });

  afterAll(async () => {
    await connections.at(0)?.dropDatabase();
    await Promise.all(connections.map((connection) => connection.close()));
  });

  it('saves one credential when instances race to create it, and lists and revokes it', async () => {
    const repositories = connections.map((connection) => new CredentialsRepository(connection));
    for (let round = 0; round < 10; round++) {
      const raced = { ...developer('raced'), key: `raced-${round}` };
      await Promise.all(repositories.map((repository) => repository.save(raced, 'hash', now)));
    }
    await expect(repositories[1]!.list('raced')).resolves.toHaveLength(10);
    await Promise.all(
      repositories.map((repository, n) => repository.save(developer('odp'), `hash-${n}`, now)),
    );
    const repository = repositories[0]!;
    const found = await repository.findByKey('dev-key');
    expect(found?.credential).toEqual(developer('odp'));
    expect(found?.secretHash).toMatch(/^hash-[0-3]$/);
    await expect(repository.list('odp')).resolves.toEqual([developer('odp')]);
    await expect(repository.list('elsewhere')).resolves.toEqual([]);

    await expect(repository.revoke('dev-key', now)).resolves.toBe(true);
    await expect(repository.revoke('no-such-key', now)).resolves.toBe(false);
    expect((await repository.findByKey('dev-key'))?.credential.revoked).toBe(true);
  });

  it('replaces a credential saved again under its key', async () => {
    const repository = new CredentialsRepository(connections[0]!);
    await repository.save({ ...developer('odp'), key: 'again' }, 'first', now);
    await repository.save({ ...developer('cmi'), key: 'again', scopes: ['state'] }, 'second', now);
    const found = await repository.findByKey('again');
    expect(found).toEqual({
      secretHash: 'second',
      credential: { ...developer('cmi'), key: 'again', scopes: ['state'] },
    });
  });
});
