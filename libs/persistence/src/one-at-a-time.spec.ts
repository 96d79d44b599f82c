import { OneAtATime } from './one-at-a-time';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('OneAtATime', () => {
  it('starts each piece of work only once the one before it has settled, in order', async () => {
    const serial = new OneAtATime();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const piece = (name: string, fail = false) =>
      serial.run(async () => {
        running += 1;
        most = Math.max(most, running);
        log.push(`start ${name}`);
        await tick();
        await tick();
        log.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([piece('a'), piece('b', true), piece('c')]);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
      'a',
      'Error: b failed',
      'c',
    ]);
  });
});
