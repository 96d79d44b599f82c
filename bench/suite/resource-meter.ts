import { boxCpuMicros, processCpuMicros, residentMiB } from '../ingest/machine';

export interface CpuCost {
  readonly statements: number;
  readonly seconds: number;
  /** Busy CPU of the whole box (/proc/stat) per statement: includes anything else running. */
  readonly boxMicrosPerStatement: number;
  /** CPU of the system's own processes and the load process (/proc/<pid>/stat) per statement. */
  readonly systemMicrosPerStatement: number;
  readonly byProcessMicrosPerStatement: Record<string, number>;
}

/** Resident memory (peak, sampled every second) and CPU windows of the named processes. */
export class ResourceMeter {
  private readonly pids = new Map<string, number>();
  private readonly peaks = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  track(name: string, pid: number | undefined): void {
    if (pid) this.pids.set(name, pid);
  }

  /** Stops counting a process that has ended (its peak memory stays). */
  untrack(name: string): void {
    this.pids.delete(name);
  }

  start(): void {
    this.timer = setInterval(() => this.sample(), 1_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** The tracked processes, by name. */
  processes(): Record<string, number> {
    return Object.fromEntries(this.pids);
  }

  peakRssMiB(): Record<string, number> {
    return Object.fromEntries(this.peaks);
  }

  currentRssMiB(): Record<string, number | null> {
    return Object.fromEntries([...this.pids].map(([name, pid]) => [name, residentMiB(pid)]));
  }

  /** Starts a CPU window; the returned function closes it over the statements it handled. */
  cpuWindow(): (statements: number) => CpuCost {
    const started = performance.now();
    const box = boxCpuMicros();
    const before = new Map(
      [...this.pids].map(([name, pid]) => [pid, { name, cpu: processCpuMicros(pid) ?? 0 }]),
    );
    return (statements) => {
      const per = (micros: number) => (statements > 0 ? Math.round(micros / statements) : 0);
      const byProcess: Record<string, number> = {};
      let system = 0;
      for (const [name, pid] of this.pids) {
        const used = (processCpuMicros(pid) ?? 0) - (before.get(pid)?.cpu ?? 0);
        byProcess[name] = per(used);
        system += used;
      }
      return {
        statements,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        boxMicrosPerStatement: per(boxCpuMicros() - box),
        systemMicrosPerStatement: per(system),
        byProcessMicrosPerStatement: byProcess,
      };
    };
  }

  private sample(): void {
    for (const [name, pid] of this.pids) {
      const rss = residentMiB(pid);
      if (rss !== null) this.peaks.set(name, Math.max(rss, this.peaks.get(name) ?? 0));
    }
  }
}
