import { OffsetCommitBatcher, PartitionOffset } from './offset-commit-batcher';

describe('OffsetCommitBatcher', () => {
  let requests: PartitionOffset[][];
  let failNext: boolean;
  let batcher: OffsetCommitBatcher;
  const at = (partition: number, offset: number): PartitionOffset => ({
    topic: 't',
    partition,
    offset: String(offset),
  });

  beforeEach(() => {
    requests = [];
    failNext = false;
    batcher = new OffsetCommitBatcher(async (offsets) => {
      requests.push(offsets);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failNext) {
        failNext = false;
        throw new Error('REBALANCE_IN_PROGRESS');
      }
    });
  });

  it('sends the first commit at once and merges those asked for meanwhile into one request', async () => {
    const first = batcher.commit(at(0, 10));
    expect(requests).toEqual([[at(0, 10)]]);
    await Promise.all([first, batcher.commit(at(1, 5)), batcher.commit(at(2, 7))]);
    expect(requests).toEqual([[at(0, 10)], [at(1, 5), at(2, 7)]]);
  });

  it('keeps the highest offset of a partition asked for twice while waiting', async () => {
    const calls = [batcher.commit(at(0, 1)), batcher.commit(at(1, 9)), batcher.commit(at(1, 4))];
    await Promise.all(calls);
    expect(requests[1]).toEqual([at(1, 9)]);
  });

  it('fails exactly the callers whose request failed, and goes on with the next', async () => {
    failNext = true;
    const failed = batcher.commit(at(0, 1));
    const later = batcher.commit(at(1, 2));
    await expect(failed).rejects.toThrow('REBALANCE_IN_PROGRESS');
    await expect(later).resolves.toBeUndefined();
    await expect(batcher.commit(at(0, 3))).resolves.toBeUndefined();
    expect(requests).toEqual([[at(0, 1)], [at(1, 2)], [at(0, 3)]]);
  });

  it('returns to each caller only after a request holding its offset', async () => {
    const order: string[] = [];
    const first = batcher.commit(at(0, 1)).then(() => order.push('first'));
    const second = batcher.commit(at(1, 1)).then(() => order.push('second'));
    await first;
    expect(order).toEqual(['first']);
    expect(requests).toHaveLength(2);
    await second;
    expect(order).toEqual(['first', 'second']);
  });
});
