import { Injectable } from '@nestjs/common';

export interface RunningWork {
  readonly label: string;
  readonly startedAt: number;
}

export interface OverdueWork {
  readonly label: string;
  readonly runningMs: number;
}

/** The work still running `limitMs` after it started, longest-running first. */
export function overdueWork(
  running: Iterable<RunningWork>,
  limitMs: number,
  now: number,
): OverdueWork[] {
  return [...running]
    .map((work) => ({ label: work.label, runningMs: now - work.startedAt }))
    .filter((work) => work.runningMs > limitMs)
    .sort((a, b) => b.runningMs - a.runningMs);
}

/**
 * Consumer work in progress, one entry per attempt. An attempt that never finishes (the MongoDB
 * driver once waited for ever on a socket it had destroyed itself) holds its partition for good,
 * and since handlers heartbeat while they work, Kafka never hands the partition to anyone else:
 * the projection just stops. Liveness reports such work, so the orchestrator restarts the process,
 * which resumes from the last committed offsets. Retries are separate attempts: a long database
 * outage is not hung work.
 */
@Injectable()
export class WorkWatchdog {
  private readonly running = new Set<RunningWork>();

  async watch<T>(label: string, work: () => Promise<T>, now = Date.now): Promise<T> {
    const entry = { label, startedAt: now() };
    this.running.add(entry);
    try {
      return await work();
    } finally {
      this.running.delete(entry);
    }
  }

  overdue(limitMs: number, now = Date.now()): OverdueWork[] {
    return overdueWork(this.running, limitMs, now);
  }
}
