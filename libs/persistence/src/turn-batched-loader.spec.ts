import { TurnBatchedLoader } from './turn-batched-loader';

describe('TurnBatchedLoader', () => {
  it('loads the keys asked for in one turn with one call, each caller getting its own', async () => {
    const calls: number[][] = [];
    const loader = new TurnBatchedLoader<number, string>((keys) => {
      calls.push([...keys]);
      return Promise.resolve(keys.map((k) => `v${k}`));
    });
    const first = await Promise.all([loader.load(3), loader.load(1), loader.load(3)]);
    const later = await loader.load(2);
    expect(first).toEqual(['v3', 'v1', 'v3']);
    expect(later).toBe('v2');
    expect(calls).toEqual([[3, 1], [2]]);
  });

  it('fails every caller of a failed call, and the next turn loads afresh', async () => {
    const down = new Error('database down');
    let fail = true;
    const loader = new TurnBatchedLoader<number, number>((keys) =>
      fail ? Promise.reject(down) : Promise.resolve(keys.map((k) => k * 2)),
    );
    const results = await Promise.allSettled([loader.load(1), loader.load(2)]);
    expect(
      results.map((r) => (r.status === 'rejected' ? (r.reason as unknown) : r.status)),
    ).toEqual([down, down]);
    fail = false;
    await expect(loader.load(2)).resolves.toBe(4);
  });
});
