import { overdueWork, WorkWatchdog } from './work-watchdog';

describe('overdueWork', () => {
  it('answers the work running longer than the limit, longest first', () => {
    const running = [
      { label: 'a', startedAt: 1_000 },
      { label: 'b', startedAt: 500 },
      { label: 'c', startedAt: 9_500 },
    ];
    expect(overdueWork(running, 5_000, 10_000)).toEqual([
      { label: 'b', runningMs: 9_500 },
      { label: 'a', runningMs: 9_000 },
    ]);
    expect(overdueWork(running, 10_000, 10_000)).toEqual([]);
  });
});

describe('WorkWatchdog', () => {
  it('tracks an attempt while it runs and forgets it when it settles, either way', async () => {
    const watchdog = new WorkWatchdog();
    let finish!: () => void;
    const pending = watchdog.watch(
      'store 0',
      () => new Promise<void>((done) => (finish = done)),
      () => 0,
    );
    expect(watchdog.overdue(100, 1_000)).toEqual([{ label: 'store 0', runningMs: 1_000 }]);
    finish();
    await pending;
    expect(watchdog.overdue(100, 1_000)).toEqual([]);

    const failing = watchdog.watch(
      'store 1',
      () => Promise.reject(new Error('down')),
      () => 0,
    );
    await expect(failing).rejects.toThrow('down');
    expect(watchdog.overdue(0, 1_000)).toEqual([]);
  });
});
