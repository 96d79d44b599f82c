import { Test } from '@nestjs/testing';
import { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { validateEnv } from '@lr/config';
import { MongoModule } from '@lr/persistence';
import { isolatedEnv } from '@lr/testing';
import {
  indexFieldsOf,
  StatementDocument,
  statementDocumentId,
  statementOfStored,
  StoredStatementDocument,
  VOIDED_VERB,
} from '@lr/xapi';
import { ProjectorEnv } from '../config/projector.env';
import { StatementStoreRepository } from './statement-store.repository';

const doc = (
  id: string,
  verb: string,
  object: Record<string, unknown> = { id: 'https://odp/a' },
): StatementDocument => {
  const statement = { id, actor: { mbox: 'mailto:a@b.c' }, verb: { id: verb }, object };
  return {
    _id: statementDocumentId('store-a', id),
    storeId: 'store-a',
    statementId: id,
    stored: '2026-11-23T10:00:00.000Z',
    statement,
    ...indexFieldsOf(statement),
    voided: false,
    defines: true,
    partition: 0,
    offset: '0',
  };
};
const voiding = (id: string, target: string) =>
  doc(id, VOIDED_VERB, { objectType: 'StatementRef', id: target });
const isVoided = async (connection: Connection, id: string) =>
  (await connection.collection<StatementDocument>('statements').findOne({ statementId: id }))
    ?.voided;

describe('StatementStoreRepository on a real MongoDB-wire server', () => {
  let app: INestApplicationContext;
  let repository: StatementStoreRepository;
  let connection: Connection;

  beforeAll(async () => {
    const env = validateEnv(ProjectorEnv, isolatedEnv());
    const moduleRef = await Test.createTestingModule({
      imports: [MongoModule.forRoot(env)],
      providers: [StatementStoreRepository],
    }).compile();
    app = await moduleRef.init();
    repository = app.get(StatementStoreRepository);
    connection = app.get(getConnectionToken());
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await app.close();
  });

  it('inserts new statements and keeps the first write of an id', async () => {
    expect(await repository.insertNew([doc('s1', 'first'), doc('s2', 'first')])).toBe(2);
    expect(await repository.insertNew([doc('s1', 'second'), doc('s3', 'first')])).toBe(1);
    const stored = await connection
      .collection<StoredStatementDocument>('statements')
      .find({})
      .sort({ _id: 1 })
      .toArray();
    expect(
      stored.map((d) => [
        d.statementId,
        (statementOfStored(d.statement).verb as { id: string }).id,
      ]),
    ).toEqual([
      ['s1', 'first'],
      ['s2', 'first'],
      ['s3', 'first'],
    ]);
  });

  it('is a no-op when a batch is redelivered', async () => {
    const batch = [doc('r1', 'x'), doc('r2', 'x')];
    await repository.insertNew(batch);
    expect(await repository.insertNew(batch)).toBe(0);
    expect(
      await connection
        .collection('statements')
        .countDocuments({ statementId: { $in: ['r1', 'r2'] } }),
    ).toBe(2);
  });

  it('creates the query indexes', async () => {
    const names = (await connection.collection('statements').indexes()).map((i) => i.name);
    expect(names.sort()).toEqual([
      '_id_',
      'by_activity',
      'by_agent',
      'by_registration',
      'by_related_activity',
      'by_related_agent',
      'by_stored',
      'by_verb',
    ]);
  });

  it('voids a target stored before or after its voiding statement, in one batch or two', async () => {
    await repository.insertNew([doc('t1', 'x')]);
    await repository.insertNew([voiding('v1', 't1')]);
    await repository.insertNew([voiding('v2', 't2')]);
    await repository.insertNew([doc('t2', 'x')]);
    await repository.insertNew([doc('t3', 'x'), voiding('v3', 't3')]);
    expect(
      await Promise.all(['t1', 't2', 't3', 'v1'].map((id) => isVoided(connection, id))),
    ).toEqual([true, true, true, false]);
  });

  it('lets a statement targeting another match what its target matches, recursively', async () => {
    const refTo = (id: string, target: string) =>
      doc(id, 'http://example/verbs/commented', { objectType: 'StatementRef', id: target });
    await repository.insertNew([refTo('c1', 'b1')]); // arrives before its target
    await repository.insertNew([
      doc('b1', 'http://example/verbs/passed', { id: 'https://odp/explosives' }),
    ]);
    await repository.insertNew([refTo('d1', 'c1')]);
    const d1 = await connection
      .collection<StatementDocument>('statements')
      .findOne({ statementId: 'd1' });
    expect(d1?.verbs).toEqual(
      expect.arrayContaining(['http://example/verbs/commented', 'http://example/verbs/passed']),
    );
    expect(d1?.activities).toContain('https://odp/explosives');
  });

  it('never voids a voiding statement', async () => {
    await repository.insertNew([voiding('v4', 't4'), voiding('v5', 'v4')]);
    expect(await isVoided(connection, 'v4')).toBe(false);
  });
});
