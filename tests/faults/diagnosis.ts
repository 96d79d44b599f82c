import { FAULT_APPS, FaultSystem } from './fault-system';

const PER_APP = 6;
const WIDTH = 220;

/**
 * What a failed run's table cannot say: which waits ran out, which apps died, and each app's
 * most recent distinct warnings and errors. It goes into the failure message, because CI keeps
 * only the end of the output.
 */
export function diagnose(
  system: FaultSystem,
  unsettled: readonly string[],
  unexpectedAnswers: ReadonlyMap<number, number>,
): string {
  const lines = [
    `waits that ran out: ${unsettled.length > 0 ? unsettled.join('; ') : 'none'}`,
    `unexpected answers by status: ${JSON.stringify(Object.fromEntries(unexpectedAnswers))}`,
  ];
  for (const name of FAULT_APPS) {
    const app = system.app(name);
    lines.push(`${name} (${app.exited ? 'EXITED' : 'running'}):`);
    lines.push(...recentProblems(app.logs).map((line) => `  ${line}`));
  }
  return lines.join('\n');
}

/** The last few distinct warn/error messages, numbers and ids masked so repeats collapse. */
export function recentProblems(output: string): string[] {
  const seen = new Map<string, string>();
  for (const line of output.split('\n')) {
    const message = problemOf(line);
    if (!message) continue;
    const shape = message.replace(/[0-9a-f-]{36}|\d+/g, '#');
    seen.delete(shape);
    seen.set(shape, message);
  }
  return [...seen.values()].slice(-PER_APP).map((message) => message.slice(0, WIDTH));
}

function problemOf(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as {
      level?: string;
      time?: string;
      context?: string;
      msg?: string;
    };
    if (entry.level !== 'warn' && entry.level !== 'error' && entry.level !== 'fatal')
      return undefined;
    // The first line only: an error's stack says where, not what.
    const message = entry.msg?.split('\n')[0];
    return `${entry.time?.slice(11, 23)} ${entry.level} [${entry.context}] ${message}`;
  } catch {
    return undefined;
  }
}
