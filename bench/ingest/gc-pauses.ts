import { existsSync, readFileSync } from 'node:fs';

/** Stop-the-world pauses of one JVM within a phase, from its unified GC log (-Xlog:gc). */
export interface GcPauses {
  readonly count: number;
  readonly totalMs: number;
  readonly longestMs: number;
  /** Full collections among them: the longest pauses, and the ones a tail latency points to. */
  readonly full: number;
}

export interface GcPause {
  /** When the pause ended (the log line's `time` decorator), ms since the epoch. */
  readonly endedAt: number;
  readonly ms: number;
  readonly full: boolean;
}

/** `[2026-11-24T16:22:51.156+0000] GC(53) Pause Full (Ergonomics) 906M->150M(975M) 526.111ms` */
const PAUSE =
  /^\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})([+-]\d{4})\].*\bPause (\w+).*?([\d.]+)ms\s*$/;

export function parseGcLog(text: string): GcPause[] {
  const pauses: GcPause[] = [];
  for (const line of text.split('\n')) {
    const match = PAUSE.exec(line);
    if (!match) continue;
    const [, local, offset, kind, ms] = match;
    const endedAt = Date.parse(`${local}${offset!.slice(0, 3)}:${offset!.slice(3)}`);
    if (Number.isNaN(endedAt)) continue;
    pauses.push({ endedAt, ms: Number(ms), full: kind === 'Full' });
  }
  return pauses;
}

/** The pauses that ended within [from, to]. */
export function pausesWithin(pauses: readonly GcPause[], from: number, to: number): GcPauses {
  const inside = pauses.filter((p) => p.endedAt >= from && p.endedAt <= to);
  return {
    count: inside.length,
    totalMs: Math.round(inside.reduce((sum, p) => sum + p.ms, 0)),
    longestMs: Math.round(Math.max(0, ...inside.map((p) => p.ms))),
    full: inside.filter((p) => p.full).length,
  };
}

/**
 * Reads the GC logs the local stack writes (deploy/local/stack: `<svc>-gc.log` and its rotated
 * `.0`/`.1` files), by server name. A server without a log (FerretDB, another stack) is left out.
 */
export function readGcLogs(
  logs: Readonly<Record<string, string | undefined>>,
): Record<string, GcPause[]> {
  const read: Record<string, GcPause[]> = {};
  for (const [name, path] of Object.entries(logs)) {
    if (!path) continue;
    const files = [`${path}.1`, `${path}.0`, path].filter((file) => existsSync(file));
    if (files.length === 0) continue;
    read[name] = files.flatMap((file) => parseGcLog(readFileSync(file, 'utf8')));
  }
  return read;
}
