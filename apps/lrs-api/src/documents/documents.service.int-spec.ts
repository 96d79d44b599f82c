import { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { Connection } from 'mongoose';
import { MongoEnv, validateEnv } from '@lr/config';
import { MongoModule } from '@lr/persistence';
import { isolatedEnv } from '@lr/testing';
import { Clock } from '../common/clock';
import { ConflictError, PreconditionFailedError } from '../common/domain-errors';
import { documentAddress } from './document-address';
import { documentContent } from './document-content';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';

/** Conditional writes against the real MongoDB-wire server, with writers racing each other. */
describe('DocumentsService on a real MongoDB-wire server', () => {
  let app: INestApplicationContext;
  let service: DocumentsService;
  const agent = JSON.stringify({ mbox: 'mailto:ann@example.gov.uk' });
  const state = (stateId: string) =>
    documentAddress(
      'state',
      'store-a',
      { activityId: 'https://odp/unit-1', agent, stateId },
      '2.0.0',
      true,
    );
  const json = (value: Record<string, unknown>) => documentContent('application/json', value);
  const none = { ifMatch: undefined, ifNoneMatch: undefined };

  beforeAll(async () => {
    const env = validateEnv(MongoEnv, isolatedEnv());
    const moduleRef = await Test.createTestingModule({
      imports: [MongoModule.forRoot(env)],
      providers: [Clock, DocumentsRepository, DocumentsService],
    }).compile();
    app = await moduleRef.init();
    service = app.get(DocumentsService);
  });

  afterAll(async () => {
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  it('loses no key when twenty POST merges race on one document', async () => {
    const address = state('race-merge');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        service.post(address, json({ [`k${i}`]: i }), '2.0.0', none),
      ),
    );
    const merged = (await service.get(address)).content.json!;
    expect(Object.keys(merged).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `k${i}`).sort(),
    );
  });

  it('lets exactly one of several PUTs with the same If-Match win', async () => {
    const address = state('race-put');
    await service.put(address, json({ v: 0 }), '2.0.0', none);
    const { etag } = await service.get(address);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        service.put(address, json({ v: i + 1 }), '2.0.0', {
          ifMatch: etag,
          ifNoneMatch: undefined,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect(o.reason).toBeInstanceOf(PreconditionFailedError);
    }
  });

  it('lets exactly one of racing deletes and PUTs with the same If-Match win', async () => {
    const address = state('race-delete');
    await service.put(address, json({ v: 0 }), '2.0.0', none);
    const { etag } = await service.get(address);
    const conditions = { ifMatch: etag, ifNoneMatch: undefined };
    const outcomes = await Promise.allSettled([
      service.delete(address, '2.0.0', conditions),
      service.put(address, json({ v: 1 }), '2.0.0', conditions),
      service.delete(address, '2.0.0', conditions),
      service.put(address, json({ v: 2 }), '2.0.0', conditions),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('writes past a revision claim left by a writer that died (servers without atomic updates)', async () => {
    const address = state('dead-writer');
    await service.put(address, json({ v: 0 }), '2.0.0', none);
    const { etag } = await service.get(address);
    const db = app.get<Connection>(getConnectionToken());
    const record = await db
      .collection<{ _id: string; rev: string }>('documents')
      .findOne({ docId: 'dead-writer' });
    await db
      .collection<{ _id: string; at: number }>('document_revision_claims')
      .insertOne({ _id: `${record!._id}#${record!.rev}`, at: Date.now() - 60_000 });
    await service.put(address, json({ v: 1 }), '2.0.0', { ifMatch: etag, ifNoneMatch: undefined });
    expect((await service.get(address)).content.json).toEqual({ v: 1 });
  });

  it('creates once under If-None-Match: * and refuses an unconditional overwrite', async () => {
    const address = state('create-once');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        service.put(address, json({ v: i }), '2.0.0', { ifMatch: undefined, ifNoneMatch: '*' }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    await expect(service.put(address, json({ v: 9 }), '2.0.0', none)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('lists ids by address and since, and deletes all states at once', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    await service.put(state('list-a'), json({}), '2.0.0', none);
    const all = documentAddress(
      'state',
      'store-a',
      { activityId: 'https://odp/unit-1', agent, since: before },
      '2.0.0',
      false,
    );
    expect(await service.list(all)).toEqual(expect.arrayContaining(['list-a', 'race-merge']));
    await service.delete({ ...all, since: null }, '2.0.0', none);
    expect(await service.list({ ...all, since: null })).toEqual([]);
  });
});
