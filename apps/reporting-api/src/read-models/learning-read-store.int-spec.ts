import { INestApplicationContext } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { Connection } from 'mongoose';
import { validateEnv } from '@lr/config';
import { ACCREDITATION_CLAIMS_COLLECTION } from '@lr/learning';
import { MongoModule } from '@lr/persistence';
import { isolatedEnv } from '@lr/testing';
import { ReportingApiEnv } from '../config/reporting-api.env';
import { LearningReadStore } from './learning-read-store';

let n = 0;
const claim = (storeId: string, kind: string, status: string, department?: string) => ({
  _id: `claim-${n++}`,
  storeId,
  kind,
  status,
  ...(department ? { department } : {}),
});

describe('LearningReadStore claim counts on a real MongoDB-wire server', () => {
  let app: INestApplicationContext;
  let store: LearningReadStore;
  let connection: Connection;

  beforeAll(async () => {
    const env = validateEnv(ReportingApiEnv, isolatedEnv());
    const moduleRef = await Test.createTestingModule({
      imports: [MongoModule.forRoot(env)],
      providers: [LearningReadStore],
    }).compile();
    app = await moduleRef.init();
    store = app.get(LearningReadStore);
    connection = app.get(getConnectionToken());
    await connection
      .collection<{ _id: string }>(ACCREDITATION_CLAIMS_COLLECTION)
      .insertMany([
        claim('default', 'registration', 'acknowledged', 'HMPO'),
        claim('default', 'registration', 'acknowledged', 'DVLA'),
        claim('default', 'certificate', 'acknowledged', 'HMPO'),
        claim('default', 'certificate', 'dead', 'HMPO'),
        claim('default', 'registration', 'pending'),
        claim('other', 'registration', 'acknowledged', 'HMPO'),
      ]);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await app.close();
  });

  const sorted = (rows: { kind: string; status: string; count: number }[]) =>
    [...rows].sort((a, b) => `${a.kind}${a.status}`.localeCompare(`${b.kind}${b.status}`));

  it('counts a store’s claims by kind and status, never another store’s', async () => {
    expect(sorted(await store.claimCounts('default', undefined))).toEqual([
      { kind: 'certificate', status: 'acknowledged', count: 1 },
      { kind: 'certificate', status: 'dead', count: 1 },
      { kind: 'registration', status: 'acknowledged', count: 2 },
      { kind: 'registration', status: 'pending', count: 1 },
    ]);
  });

  it('narrows to one department', async () => {
    expect(sorted(await store.claimCounts('default', 'HMPO'))).toEqual([
      { kind: 'certificate', status: 'acknowledged', count: 1 },
      { kind: 'certificate', status: 'dead', count: 1 },
      { kind: 'registration', status: 'acknowledged', count: 1 },
    ]);
    expect(await store.claimCounts('default', 'DWP')).toEqual([]);
  });
});
