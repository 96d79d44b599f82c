import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { loadCatalogue } from '@lr/catalogue';
import { Viewer } from '../../auth/viewer';
import { LearningReadStore } from '../../read-models/learning-read-store';
import { ClaimCount } from '../claims-summary';
import { GetClaimsSummaryHandler } from './get-claims-summary.handler';
import { GetClaimsSummaryQuery } from './get-claims-summary.query';

/** Remembers what it was asked for and answers one acknowledged registration. */
class RecordingStore {
  asked: [string, string | undefined][] = [];
  claimCounts(storeId: string, department: string | undefined): Promise<ClaimCount[]> {
    this.asked.push([storeId, department]);
    return Promise.resolve([{ kind: 'registration', status: 'acknowledged', count: 1 }]);
  }
}

const admin: Viewer = { subject: 'a', role: 'profession-admin', storeId: 's1' };
const hmpo: Viewer = { subject: 'b', role: 'department-admin', storeId: 's1', department: 'HMPO' };
const learner: Viewer = { subject: 'c', role: 'learner', storeId: 's1', learnerKey: 's1|x' };

describe('GetClaimsSummaryHandler', () => {
  let store: RecordingStore;
  let handler: GetClaimsSummaryHandler;

  beforeEach(() => {
    store = new RecordingStore();
    handler = new GetClaimsSummaryHandler(store as unknown as LearningReadStore, loadCatalogue());
  });

  it('gives a profession admin their whole store, or one department of it', async () => {
    const summary = await handler.execute(new GetClaimsSummaryQuery(admin, undefined));
    await handler.execute(new GetClaimsSummaryQuery(admin, 'DVLA'));
    expect(summary.total).toBe(1);
    expect(store.asked).toEqual([
      ['s1', undefined],
      ['s1', 'DVLA'],
    ]);
  });

  it('always narrows a department admin to their department, and refuses another', async () => {
    await handler.execute(new GetClaimsSummaryQuery(hmpo, undefined));
    expect(store.asked).toEqual([['s1', 'HMPO']]);
    await expect(handler.execute(new GetClaimsSummaryQuery(hmpo, 'DVLA'))).rejects.toBeInstanceOf(
      ForbiddenException,
    );
  });

  it('refuses learners and unknown departments before reading anything', async () => {
    await expect(
      handler.execute(new GetClaimsSummaryQuery(learner, undefined)),
    ).rejects.toBeInstanceOf(ForbiddenException);
    await expect(handler.execute(new GetClaimsSummaryQuery(admin, 'NOPE'))).rejects.toBeInstanceOf(
      BadRequestException,
    );
    expect(store.asked).toEqual([]);
  });
});
