import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { waitFor } from './wait-for';

const ROOT = resolve(__dirname, '../../..');

export type AppName =
  'lrs-api' | 'projector' | 'reporting-api' | 'accreditation-gateway' | 'awarding-body-simulator';

const PORT_KEYS: Record<AppName, string> = {
  'lrs-api': 'LRS_PORT',
  projector: 'PROJECTOR_PORT',
  'reporting-api': 'REPORTING_PORT',
  'accreditation-gateway': 'GATEWAY_PORT',
  'awarding-body-simulator': 'SIMULATOR_PORT',
};

/** An app started from its build output as its own process, the way `npm start` runs it. */
export class AppProcess {
  private output = '';

  private constructor(
    readonly name: AppName,
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly logFile?: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.record(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.record(chunk));
  }

  static async start(
    name: AppName,
    env: Record<string, string>,
    instanceOverrides: Record<string, string> = {},
    fixedPort?: number,
    logFile?: string,
  ): Promise<AppProcess> {
    const entry = resolve(ROOT, `dist/apps/${name}/src/main.js`);
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
    const port = fixedPort ?? (await freePort());
    const portKey = PORT_KEYS[name];
    const child = spawn(process.execPath, ['--enable-source-maps', entry], {
      cwd: ROOT,
      env: { ...process.env, ...env, [portKey]: String(port), ...instanceOverrides },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(name, port, child, logFile ?? defaultLogFile(name, port));
    await app.waitReady();
    return app;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logs(): string {
    return this.output;
  }

  /** The process id, for sampling its memory from /proc. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a signal without waiting, e.g. SIGSTOP and SIGCONT to freeze the app for a while. */
  signal(signal: NodeJS.Signals): void {
    if (!this.exited) this.child.kill(signal);
  }

  async waitReady(timeoutMs = 60_000): Promise<void> {
    await waitFor(
      async () => {
        if (this.exited) throw new Error(`${this.name} exited:\n${this.output}`);
        const response = await fetch(`${this.baseUrl}/health/ready`).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      { timeoutMs, intervalMs: 200, what: `${this.name} to be ready` },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n--- ${this.name} output ---\n${this.output.slice(-4000)}`);
    });
  }

  /**
   * SIGTERM and wait, as a deployment would; SIGKILL after 20 s. Answers how it ended: an exit
   * code, or the signal that ended it ('SIGTERM' after a clean Nest shutdown, 'SIGKILL' if hung).
   */
  async stop(): Promise<number | NodeJS.Signals | null> {
    if (!this.exited) {
      const exited = new Promise((done) => this.child.once('exit', done));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    return this.child.signalCode ?? this.child.exitCode;
  }

  /** SIGKILL, as a crash would: no shutdown hooks run. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** Whether the process has ended, by itself or by a signal. */
  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private record(chunk: Buffer): void {
    this.output = (this.output + chunk.toString()).slice(-100_000);
    if (this.logFile) appendFileSync(this.logFile, chunk);
  }
}

/** LR_TEST_APP_LOGS names a folder that keeps every started app's whole output, for diagnosis. */
function defaultLogFile(name: AppName, port: number): string | undefined {
  const folder = process.env.LR_TEST_APP_LOGS;
  if (!folder) return undefined;
  mkdirSync(folder, { recursive: true });
  return resolve(folder, `${name}-${port}.log`);
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}
