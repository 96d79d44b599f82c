import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGcLog, pausesWithin, readGcLogs } from './gc-pauses';

const LOG = [
  '[2026-11-24T16:23:33.070+0000] Using Parallel',
  '[2026-11-24T16:23:33.071+0000] GC(121) Pause Young (Allocation Failure) 701M->489M(895M) 61.075ms',
  '[2026-11-24T16:23:33.620+0000] GC(122) Pause Full (Ergonomics) 891M->145M(960M) 549.764ms',
  '[2026-11-24T17:23:34.103+0100] GC(123) Pause Young (Normal) (G1 Evacuation Pause) 56M->20M(1024M) 4.530ms',
  '[2026-11-24T16:23:34.200+0000] GC(124) Pause Remark 60M->60M(1024M) 1.2ms',
].join('\n');

describe('GC pauses', () => {
  it('reads every stop-the-world pause of a unified GC log with its wall-clock end, whatever the offset', () => {
    expect(parseGcLog(LOG)).toEqual([
      { endedAt: Date.parse('2026-11-24T16:23:33.071Z'), ms: 61.075, full: false },
      { endedAt: Date.parse('2026-11-24T16:23:33.620Z'), ms: 549.764, full: true },
      { endedAt: Date.parse('2026-11-24T16:23:34.103Z'), ms: 4.53, full: false },
      { endedAt: Date.parse('2026-11-24T16:23:34.200Z'), ms: 1.2, full: false },
    ]);
  });

  it('sums the pauses that ended inside a phase and names the longest', () => {
    const pauses = parseGcLog(LOG);
    expect(
      pausesWithin(
        pauses,
        Date.parse('2026-11-24T16:23:33.500Z'),
        Date.parse('2026-11-24T16:23:34.150Z'),
      ),
    ).toEqual({ count: 2, totalMs: 554, longestMs: 550, full: 1 });
    expect(pausesWithin(pauses, 0, 1)).toEqual({ count: 0, totalMs: 0, longestMs: 0, full: 0 });
  });

  it('reads the rotated files too, and leaves out a server without a log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gc-'));
    const path = join(dir, 'mongo-gc.log');
    writeFileSync(`${path}.0`, LOG.split('\n').slice(0, 2).join('\n'));
    writeFileSync(path, LOG.split('\n').slice(2).join('\n'));
    const logs = readGcLogs({ mongo: path, kafka: join(dir, 'kafka-gc.log'), none: undefined });
    expect(Object.keys(logs)).toEqual(['mongo']);
    expect(logs.mongo!.map((p) => p.ms)).toEqual([61.075, 549.764, 4.53, 1.2]);
  });
});
