import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** What a figure was measured on, recorded with every result. */
export function describeMachine(): Record<string, unknown> {
  const ferretdb = process.env.MONGO_SERVER === 'ferretdb';
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kafka: '4.1.1 (deploy/local/stack, single KRaft node)',
    mongo: ferretdb
      ? 'FerretDB 1.24.2 SQLite backend (deploy/local/stack)'
      : 'mongo-java-server 1.47.0 H2 backend (deploy/local/stack)',
    ...(ferretdb ? {} : { mongoJvm: jvmOf(Number(process.env.MONGO_PID) || undefined) }),
    commit: gitCommit(),
  };
}

/**
 * The java a running server was started with and its heap and collector flags: the stack picks
 * them per machine (deploy/local/stack, choose_mongo_jvm), and they move the tail latencies.
 */
export function jvmOf(pid: number | undefined): string | null {
  if (!pid) return null;
  const args = readText(`/proc/${pid}/cmdline`).split('\0');
  if (!args[0]) return null;
  const run = spawnSync(args[0], ['-version'], { encoding: 'utf8' });
  const version = run.stderr?.split('\n')[0]?.trim() || 'unknown';
  return [version, ...jvmFlagsOf(args)].join(' ');
}

/** The heap and collector flags among a JVM's arguments. */
export function jvmFlagsOf(args: readonly string[]): string[] {
  return args.filter((arg) => JVM_FLAG.test(arg));
}

const JVM_FLAG = /^(-Xmx\S+|-XX:\+Use\w+|-XX:MaxGCPauseMillis=\d+|-XX:ParallelGCThreads=\d+)$/;

/**
 * The machine from /proc (cores, memory, load), and the versions actually running: Node.js,
 * Java, and Kafka and mongo-java-server read off the servers' class paths.
 */
export function describeBox(servers: { kafkaPid?: number; mongoPid?: number }) {
  const cpuinfo = readText('/proc/cpuinfo');
  const memTotalKb = Number(/MemTotal:\s+(\d+) kB/.exec(readText('/proc/meminfo'))?.[1] ?? 0);
  return {
    cores: (cpuinfo.match(/^processor\s*:/gm) ?? []).length,
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    memoryGiB: Math.round((memTotalKb / 2 ** 20) * 10) / 10,
    loadAverage: readText('/proc/loadavg').split(' ').slice(0, 3).join(' '),
    kernel: readText('/proc/sys/kernel/osrelease').trim(),
    node: process.version,
    java: javaVersion(),
    kafka: jarVersion(servers.kafkaPid, /^kafka_[\d.]+-(.+)\.jar$/) ?? 'unknown',
    mongo: `mongo-java-server ${jarVersion(servers.mongoPid, /^mongo-java-server-core-(.+)\.jar$/) ?? 'unknown'} (H2 backend)`,
    mongoJvm: jvmOf(servers.mongoPid),
    commit: gitCommit(false),
    uncommittedChanges: gitDirty(),
  };
}

function gitCommit(short = true): string {
  try {
    const args = short ? ['rev-parse', '--short', 'HEAD'] : ['rev-parse', 'HEAD'];
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function gitDirty(): boolean | null {
  try {
    return execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return null;
  }
}

function javaVersion(): string {
  const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
  // java -version writes to stderr.
  const run = spawnSync(java, ['-version'], { encoding: 'utf8' });
  return run.stderr?.split('\n')[0]?.trim() || 'unknown';
}

/** A version from the jar names on a running JVM's class path (its `-cp dir/*` entries). */
function jarVersion(pid: number | undefined, pattern: RegExp): string | null {
  if (!pid) return null;
  const args = readText(`/proc/${pid}/cmdline`).split('\0');
  const classPath = args[args.indexOf('-cp') + 1] ?? '';
  for (const entry of classPath.split(':')) {
    const dir = entry.endsWith('/*') ? entry.slice(0, -2) : null;
    if (!dir) continue;
    for (const file of safeList(dir)) {
      const match = pattern.exec(file);
      if (match) return match[1]!;
    }
  }
  return null;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Busy CPU time of the whole box, in microseconds, from /proc/stat (all processes). */
export function boxCpuMicros(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  const ticks = user! + nice! + system! + irq! + softirq! + steal!;
  return (ticks * 1_000_000) / 100; // USER_HZ is 100 on Linux
}

/** CPU time (user + system) one process has used, in microseconds, from /proc/<pid>/stat. */
export function processCpuMicros(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
}

/** Resident memory of a process, in MiB, from /proc/<pid>/status. */
export function residentMiB(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}
