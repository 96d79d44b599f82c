import { readFileSync } from 'node:fs';

/** Resident memory of a process in MiB, from /proc (Linux); undefined when it is gone. */
export function residentMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's resident memory twice a second and keeps the peak since the last reset. */
export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  peak = 0;

  constructor(private readonly pidOf: () => number | undefined) {}

  start(): void {
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, residentMiB(this.pidOf()) ?? 0);
    }, 500);
    this.timer.unref();
  }

  current(): number {
    return residentMiB(this.pidOf()) ?? 0;
  }

  /** Starts a new peak from the present value. */
  reset(): void {
    this.peak = this.current();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
