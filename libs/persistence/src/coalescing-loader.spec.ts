import { CoalescingLoader } from './coalescing-loader';

/** A load function that records each batch and answers when told to. */
function recordingLoad() {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const load = async (keys: readonly string[]) => {
    batches.push([...keys]);
    await new Promise<void>((resolve) => gates.push(resolve));
    return new Map(keys.filter((k) => !k.startsWith('absent')).map((k) => [k, k.toUpperCase()]));
  };
  const openNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
  };
  return { batches, load, openNext };
}

describe('CoalescingLoader', () => {
  it('merges callers of one turn into one load and answers each with its own keys', async () => {
    const { batches, load, openNext } = recordingLoad();
    const loader = new CoalescingLoader(load);
    const first = loader.load(['a', 'b']);
    const second = loader.load(['b', 'c', 'absent-1']);
    await openNext();
    expect(batches).toEqual([['a', 'b', 'c', 'absent-1']]);
    expect(await first).toEqual(
      new Map([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );
    expect(await second).toEqual(
      new Map([
        ['b', 'B'],
        ['c', 'C'],
      ]),
    );
  });

  it('queues keys asked for during a load into the next one, one load at a time', async () => {
    const { batches, load, openNext } = recordingLoad();
    const loader = new CoalescingLoader(load);
    const first = loader.load(['a']);
    while (batches.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const second = loader.load(['b']);
    const third = loader.load(['c']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['a']]);
    await openNext();
    await openNext();
    expect(batches).toEqual([['a'], ['b', 'c']]);
    expect([
      ...(await first).values(),
      ...(await second).values(),
      ...(await third).values(),
    ]).toEqual(['A', 'B', 'C']);
  });

  it('splits batches at the limit', async () => {
    const { batches, load, openNext } = recordingLoad();
    const loader = new CoalescingLoader(load, 2);
    const all = loader.load(['a', 'b', 'c', 'd', 'e']);
    for (let i = 0; i < 3; i++) await openNext();
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect((await all).size).toBe(5);
  });

  it('rejects the callers of a failed load only, and loads again afterwards', async () => {
    let calls = 0;
    const loader = new CoalescingLoader<string, string>(async (keys) => {
      calls += 1;
      if (calls === 1) throw new Error('database unavailable');
      return new Map(keys.map((k) => [k, k]));
    });
    await expect(loader.load(['a'])).rejects.toThrow('database unavailable');
    expect(await loader.load(['a'])).toEqual(new Map([['a', 'a']]));
  });
});
