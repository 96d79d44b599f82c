import { SharedCommit } from './shared-commit';

describe('SharedCommit', () => {
  it('sends one commit for the batches that resolve in the same turn', async () => {
    const commits = new SharedCommit();
    const commit = jest.fn(() => Promise.resolve());
    await Promise.all([1, 2, 3].map(() => commits.commit({ commitOffsetsIfNecessary: commit })));
    expect(commit).toHaveBeenCalledTimes(1);
  });

  it('sends a later commit only after the one in flight, never beside it', async () => {
    const commits = new SharedCommit();
    const inFlight: Array<() => void> = [];
    let concurrent = 0;
    let most = 0;
    const commit = jest.fn(
      () =>
        new Promise<void>((resolve) => {
          most = Math.max(most, ++concurrent);
          inFlight.push(() => {
            concurrent--;
            resolve();
          });
        }),
    );
    const first = commits.commit({ commitOffsetsIfNecessary: commit });
    await new Promise((resolve) => setImmediate(resolve));
    const second = commits.commit({ commitOffsetsIfNecessary: commit });
    const third = commits.commit({ commitOffsetsIfNecessary: commit });
    await new Promise((resolve) => setImmediate(resolve));
    expect(commit).toHaveBeenCalledTimes(1);
    inFlight.shift()!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(commit).toHaveBeenCalledTimes(2);
    inFlight.shift()!();
    await Promise.all([second, third]);
    expect(most).toBe(1);
  });

  it('gives the batches sharing a commit its failure', async () => {
    const commits = new SharedCommit();
    const rebalancing = new Error('REBALANCE_IN_PROGRESS');
    const commit = () => Promise.reject(rebalancing);
    const results = await Promise.allSettled(
      [1, 2].map(() => commits.commit({ commitOffsetsIfNecessary: commit })),
    );
    expect(
      results.map((r) => (r.status === 'rejected' ? (r.reason as unknown) : r.status)),
    ).toEqual([rebalancing, rebalancing]);
  });
});
