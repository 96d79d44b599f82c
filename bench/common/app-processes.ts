import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';

// A port nobody listens on now, so several benchmarks on one box do not collide.
export { freePort } from '../../libs/testing/src/app-process';

/** The repository root, from the compiled file's place under .local/bench/bench/common. */
export const ROOT = resolve(__dirname, '../../../..');

/** Starts a built app (dist/) as its own process, its output into logFile. */
export function startApp(
  name: string,
  extra: Record<string, string>,
  logFile: string,
): ChildProcess {
  const child = spawn(process.execPath, [resolve(ROOT, `dist/apps/${name}/src/main.js`)], {
    cwd: ROOT,
    env: { ...process.env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return child;
}

/** SIGTERM and wait, as a deployment would. */
export async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

export async function waitReady(port: number, child?: ChildProcess): Promise<void> {
  for (let i = 0; i < 480; i++) {
    if (child && child.exitCode !== null) throw new Error(`the app on port ${port} exited`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing ready on port ${port}`);
}
