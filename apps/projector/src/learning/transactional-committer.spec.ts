import { chunksOf } from './transactional-committer';

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
