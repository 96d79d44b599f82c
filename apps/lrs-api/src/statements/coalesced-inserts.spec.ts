import { CoalescedInserts } from './coalesced-inserts';

/** A unique index in memory: refuses keys already present; each call waits for `release`. */
class FakeUniqueStore {
  readonly keys = new Set<string>();
  readonly rounds: string[][] = [];
  private gates: (() => void)[] = [];
  failNext = false;

  insert = async (docs: readonly string[]): Promise<ReadonlySet<number>> => {
    this.rounds.push([...docs]);
    await new Promise<void>((open) => this.gates.push(open));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('connection reset');
    }
    const refused = new Set<number>();
    docs.forEach((key, i) => (this.keys.has(key) ? refused.add(i) : this.keys.add(key)));
    return refused;
  };

  /** Lets the oldest waiting insert answer, then lets the callers' continuations run. */
  async release(): Promise<void> {
    this.gates.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('CoalescedInserts', () => {
  it('sends a lone caller at once, in a round of its own', async () => {
    const store = new FakeUniqueStore();
    const inserts = new CoalescedInserts(store.insert);

    const answer = inserts.run(['a', 'b']);
    expect(store.rounds).toEqual([['a', 'b']]);
    await store.release();

    expect(await answer).toEqual(new Set());
  });

  it('sends callers that arrive during a round together in the next, each told its own refusals', async () => {
    const store = new FakeUniqueStore();
    const inserts = new CoalescedInserts(store.insert);
    const first = inserts.run(['a']);
    const second = inserts.run(['b', 'a']);
    const third = inserts.run(['c']);
    expect(store.rounds).toEqual([['a']]);

    await store.release();
    expect(store.rounds).toEqual([['a'], ['b', 'a', 'c']]);
    await store.release();

    expect(await first).toEqual(new Set());
    expect(await second).toEqual(new Set([1]));
    expect(await third).toEqual(new Set());
  });

  it('lets the earlier of two callers win a key both insert in one round', async () => {
    const store = new FakeUniqueStore();
    const inserts = new CoalescedInserts(store.insert);
    const opener = inserts.run(['x']);
    const earlier = inserts.run(['k']);
    const later = inserts.run(['k']);

    await store.release();
    await store.release();

    await opener;
    expect(await earlier).toEqual(new Set());
    expect(await later).toEqual(new Set([0]));
  });

  it('fails every caller of a round that fails, and serves the next round', async () => {
    const store = new FakeUniqueStore();
    const inserts = new CoalescedInserts(store.insert);
    const opener = inserts.run(['a']);
    const doomed = [inserts.run(['b']), inserts.run(['c'])].map((caller) =>
      caller.then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    await store.release();
    await opener;

    store.failNext = true;
    const after = inserts.run(['d']);
    await store.release();
    expect(await Promise.all(doomed)).toEqual(['connection reset', 'connection reset']);
    await store.release();

    expect(await after).toEqual(new Set());
    expect(store.rounds).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('caps a round at maxDocs without splitting a caller', async () => {
    const store = new FakeUniqueStore();
    const inserts = new CoalescedInserts(store.insert, 3);
    const callers = [
      inserts.run(['a']),
      inserts.run(['b', 'c']),
      inserts.run(['d', 'e']),
      inserts.run(['f', 'g', 'h', 'i']),
    ];

    for (let i = 0; i < 4; i++) await store.release();

    await Promise.all(callers);
    expect(store.rounds).toEqual([['a'], ['b', 'c'], ['d', 'e'], ['f', 'g', 'h', 'i']]);
  });
});
