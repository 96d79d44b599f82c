import { ConsumedMessage, toConsumedMessage } from './consumed-message';
import { PoisonMessageError } from './errors';
import { MergedBatches } from './merged-batches';

const message = (partition: number, offset: number): ConsumedMessage =>
  toConsumedMessage('t', partition, {
    offset: String(offset),
    key: null,
    value: Buffer.from(`${partition}:${offset}`),
    timestamp: '0',
    attributes: 0,
    headers: {},
  });

const names = (messages: readonly ConsumedMessage[]) => messages.map((m) => m.value!.toString());

describe('MergedBatches', () => {
  it('hands batches that arrive in the same turn to one call, each partition in order', async () => {
    const calls: string[][] = [];
    const merged = new MergedBatches((messages) => {
      calls.push(names(messages));
      return Promise.resolve();
    });
    await Promise.all([merged.run([message(0, 1), message(0, 2)]), merged.run([message(3, 7)])]);
    await merged.run([message(0, 3)]);
    expect(calls).toEqual([['0:1', '0:2', '3:7'], ['0:3']]);
  });

  it('sends merged calls to the merged handler, lone batches to the plain one', async () => {
    const plain: string[][] = [];
    const merged: string[][] = [];
    const batches = new MergedBatches(
      (messages) => Promise.resolve(void plain.push(names(messages))),
      (messages) => Promise.resolve(void merged.push(names(messages))),
    );
    await Promise.all([batches.run([message(0, 1)]), batches.run([message(1, 1)])]);
    await batches.run([message(0, 2)]);
    expect(merged).toEqual([['0:1', '1:1']]);
    expect(plain).toEqual([['0:2']]);
  });

  it('fails every batch of a call with a retriable error', async () => {
    const down = new Error('database down');
    const merged = new MergedBatches(() => Promise.reject(down));
    const results = await Promise.allSettled([
      merged.run([message(0, 1)]),
      merged.run([message(1, 1)]),
    ]);
    expect(
      results.map((r) => (r.status === 'rejected' ? (r.reason as unknown) : r.status)),
    ).toEqual([down, down]);
  });

  it('runs each batch alone after a poison message, so only its own batch fails', async () => {
    const calls: string[][] = [];
    const merged = new MergedBatches((messages) => {
      calls.push(names(messages));
      return names(messages).includes('1:9')
        ? Promise.reject(new PoisonMessageError('bad record'))
        : Promise.resolve();
    });
    const results = await Promise.allSettled([
      merged.run([message(0, 1)]),
      merged.run([message(1, 9)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(PoisonMessageError);
    expect(calls).toEqual([['0:1', '1:9'], ['0:1'], ['1:9']]);
  });
});
