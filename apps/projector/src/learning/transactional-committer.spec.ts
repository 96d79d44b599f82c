import { chunksOf, whileTransactionsConcurrent } from './transactional-committer';

const output = (bytes: number) => ({ topic: 't', key: 'k', value: 'x'.repeat(bytes), headers: {} });

describe('chunksOf', () => {
  it('keeps every chunk under the byte limit, in order, losing nothing', () => {
    const outputs = Array.from({ length: 50 }, (_, i) => output(100 + i));
    const chunks = chunksOf(outputs, 1_000);
    expect(chunks.flat()).toEqual(outputs);
    for (const chunk of chunks) {
      const size = chunk.reduce((sum, o) => sum + o.value.length + o.key.length + 64, 0);
      expect(size).toBeLessThanOrEqual(1_000);
    }
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('puts an output bigger than the limit in a chunk of its own', () => {
    expect(chunksOf([output(10), output(5_000), output(10)], 1_000).map((c) => c.length)).toEqual([
      1, 1, 1,
    ]);
  });
});

describe('whileTransactionsConcurrent', () => {
  const concurrent = Object.assign(new Error('concurrent'), { type: 'CONCURRENT_TRANSACTIONS' });
  const noSleep = jest.fn(() => Promise.resolve());

  it('retries an operation refused with CONCURRENT_TRANSACTIONS until it succeeds', async () => {
    const operation = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(concurrent)
      .mockRejectedValueOnce(concurrent)
      .mockResolvedValue('sent');
    await expect(whileTransactionsConcurrent(operation, noSleep)).resolves.toBe('sent');
    expect(operation).toHaveBeenCalledTimes(3);
  });

  it('gives up after the last attempt, and at once on any other error', async () => {
    const always = jest.fn<Promise<void>, []>().mockRejectedValue(concurrent);
    await expect(whileTransactionsConcurrent(always, noSleep, 3)).rejects.toBe(concurrent);
    expect(always).toHaveBeenCalledTimes(3);
    const fenced = Object.assign(new Error('fenced'), { type: 'INVALID_PRODUCER_EPOCH' });
    const other = jest.fn<Promise<void>, []>().mockRejectedValue(fenced);
    await expect(whileTransactionsConcurrent(other, noSleep)).rejects.toBe(fenced);
    expect(other).toHaveBeenCalledTimes(1);
  });
});
