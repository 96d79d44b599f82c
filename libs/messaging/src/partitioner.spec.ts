import { Partitioners } from 'kafkajs';
import { partitionFor } from './partitioner';

describe('partitionFor', () => {
  const kafkajsDefault = Partitioners.DefaultPartitioner();
  const metadata = (count: number) =>
    Array.from({ length: count }, (_, partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 1,
      replicas: [1],
      isr: [1],
    }));

  it.each([1, 3, 6, 12])(
    'matches the Java-compatible default partitioner for %i partitions',
    (count) => {
      for (let i = 0; i < 200; i++) {
        const key = `default|mailto:learner${i}@example.gov.uk`;
        const expected = kafkajsDefault({
          topic: 't',
          partitionMetadata: metadata(count),
          message: { key, value: null },
        });
        expect(partitionFor(key, count)).toBe(expected);
      }
    },
  );

  it('spreads learners over all partitions', () => {
    const used = new Set(Array.from({ length: 500 }, (_, i) => partitionFor(`learner-${i}`, 6)));
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
