import { KafkaClient, TopicPartitionCounts } from '@lr/messaging';
import {
  chunksOf,
  OffsetCommit,
  TransactionalCommitter,
  whileTransactionsConcurrent,
} from './transactional-committer';

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

describe('TransactionalCommitter', () => {
  const offset: OffsetCommit = { groupId: 'g', topic: 'statements', partition: 1, offset: 42 };

  /** A producer whose transactions commit only when the test says so. */
  function fakeKafka() {
    const commits: Array<() => void> = [];
    const transaction = {
      sendBatch: jest.fn(() => Promise.resolve([])),
      sendOffsets: jest.fn(() => Promise.resolve()),
      commit: jest.fn(() => new Promise<void>((resolve) => commits.push(resolve))),
      abort: jest.fn(() => Promise.resolve()),
    };
    const producer = {
      connect: jest.fn(() => Promise.resolve()),
      disconnect: jest.fn(() => Promise.resolve()),
      transaction: jest.fn(() => Promise.resolve(transaction)),
    };
    const client = { producer: jest.fn(() => producer) } as unknown as KafkaClient;
    const partitions = {
      forTopics: (topics: readonly string[]) => Promise.resolve(new Map(topics.map((t) => [t, 3]))),
    } as unknown as TopicPartitionCounts;
    return { committer: new TransactionalCommitter(client, partitions), transaction, commits };
  }

  /** Enough turns of the event loop for a waiting commit to reach the transaction's commit. */
  const settle = async () => {
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('commits the offset of a batch without events with the plain commit, not a transaction', async () => {
    const { committer, transaction } = fakeKafka();
    const plain = jest.fn((_: readonly OffsetCommit[]) => Promise.resolve());
    await committer.commit([], offset, plain);
    expect(plain).toHaveBeenCalledWith([offset]);
    expect(transaction.sendOffsets).not.toHaveBeenCalled();
  });

  it('puts events and the offset in one transaction, and without a plain commit even no events', async () => {
    const { committer, transaction, commits } = fakeKafka();
    const plain = jest.fn((_: readonly OffsetCommit[]) => Promise.resolve());
    const withEvents = committer.commit([output(10)], offset, plain);
    await settle();
    commits.shift()!();
    await withEvents;
    const withoutPlain = committer.commit([], { ...offset, offset: 43 });
    await settle();
    commits.shift()!();
    await withoutPlain;
    expect(plain).not.toHaveBeenCalled();
    expect(transaction.sendBatch).toHaveBeenCalledTimes(1);
    expect(transaction.sendOffsets).toHaveBeenCalledTimes(2);
  });

  it('commits batches that finish together with one plain commit', async () => {
    const { committer, transaction } = fakeKafka();
    const plain = jest.fn((_: readonly OffsetCommit[]) => Promise.resolve());
    const other = { ...offset, partition: 2, offset: 7 };
    await Promise.all([committer.commit([], offset, plain), committer.commit([], other, plain)]);
    expect(plain.mock.calls).toEqual([[[offset, other]]]);
    expect(transaction.sendOffsets).not.toHaveBeenCalled();
  });

  it('puts batches that finish together in one transaction when one has events', async () => {
    const { committer, transaction, commits } = fakeKafka();
    const plain = jest.fn((_: readonly OffsetCommit[]) => Promise.resolve());
    const both = Promise.all([
      committer.commit([output(10)], offset, plain),
      committer.commit([], { ...offset, partition: 2, offset: 7 }, plain),
    ]);
    await settle();
    commits.shift()!();
    await both;
    expect(plain).not.toHaveBeenCalled();
    expect(transaction.sendBatch).toHaveBeenCalledTimes(1);
    expect(transaction.sendOffsets.mock.calls).toEqual([
      [
        {
          consumerGroupId: 'g',
          topics: [
            {
              topic: 'statements',
              partitions: [
                { partition: 1, offset: '42' },
                { partition: 2, offset: '7' },
              ],
            },
          ],
        },
      ],
    ]);
    expect(transaction.commit).toHaveBeenCalledTimes(1);
  });

  it('fails every batch of a failed transaction, and aborts it', async () => {
    const { committer, transaction } = fakeKafka();
    const fenced = new Error('fenced');
    transaction.sendOffsets.mockRejectedValueOnce(fenced);
    const results = await Promise.allSettled([
      committer.commit([output(10)], offset),
      committer.commit([output(10)], { ...offset, partition: 2 }),
    ]);
    expect(results).toEqual([
      { status: 'rejected', reason: fenced },
      { status: 'rejected', reason: fenced },
    ]);
    expect(transaction.abort).toHaveBeenCalledTimes(1);
    expect(transaction.commit).not.toHaveBeenCalled();
  });

  it('runs a plain commit only after the transaction in flight has committed', async () => {
    const { committer, commits } = fakeKafka();
    const plain = jest.fn((_: readonly OffsetCommit[]) => Promise.resolve());
    const first = committer.commit([output(10)], offset, plain);
    await settle();
    const second = committer.commit([], { ...offset, offset: 43 }, plain);
    await settle();
    expect(plain).not.toHaveBeenCalled();
    commits.shift()!();
    await Promise.all([first, second]);
    expect(plain).toHaveBeenCalledWith([{ ...offset, offset: 43 }]);
  });
});
