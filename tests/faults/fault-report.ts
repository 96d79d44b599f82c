import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface FaultRow {
  readonly label: string;
  readonly value: number;
  /** A bad column: anything but zero fails the run. */
  readonly bad: boolean;
}

const RESULTS = resolve(__dirname, 'results/faults.json');

/** The closing table, printed and saved with the details; answers the bad rows that are not zero. */
export function report(rows: readonly FaultRow[], details: Record<string, unknown>): FaultRow[] {
  const width = Math.max(...rows.map((row) => row.label.length));
  const lines = rows.map(
    (row) =>
      `| ${row.label.padEnd(width)} | ${String(row.value).padStart(7)} | ${row.bad ? (row.value === 0 ? 'ok  ' : 'FAIL') : '    '} |`,
  );
  const rule = `|${'-'.repeat(width + 2)}|${'-'.repeat(9)}|------|`;
  process.stdout.write(
    `\n| ${'fault suite'.padEnd(width)} |   value |      |\n${rule}\n${lines.join('\n')}\n\n`,
  );
  mkdirSync(resolve(RESULTS, '..'), { recursive: true });
  const table = Object.fromEntries(rows.map((row) => [row.label, row.value]));
  writeFileSync(RESULTS, `${JSON.stringify({ table, ...details }, null, 2)}\n`);
  process.stdout.write(`results written to ${RESULTS}\n`);
  return rows.filter((row) => row.bad && row.value !== 0);
}
