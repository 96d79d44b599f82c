import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { Db } from 'mongodb';
import { LEARNING_META_COLLECTION, LEARNING_META_ID } from '@lr/learning';
import { learningSnapshot } from '@lr/testing';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');

export interface ReadModelFindings {
  readonly learners: number;
  readonly counters: number;
  readonly teams: number;
  /** Documents that differ between the live version and the rebuild, or exist in only one. */
  readonly mismatches: number;
  readonly rebuildSeconds: number;
  readonly examples: string[];
}

/**
 * Replays the statement topic from offset 0 into the next version with the rebuild CLI (without
 * switching) and compares it, document by document, with the version the live projector wrote
 * through every fault.
 */
export async function checkReadModels(
  db: Db,
  env: Record<string, string>,
): Promise<ReadModelFindings> {
  const meta = await db
    .collection<{ _id: string; active: number }>(LEARNING_META_COLLECTION)
    .findOne({ _id: LEARNING_META_ID });
  const live = meta?.active ?? 1;
  const started = Date.now();
  await run(process.execPath, ['dist/apps/projector/src/cli/rebuild.js', '--no-switch'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    timeout: 300_000,
    maxBuffer: 50 * 1024 * 1024,
  });
  const rebuildSeconds = (Date.now() - started) / 1000;
  const [before, after] = await Promise.all([
    learningSnapshot(db, live),
    learningSnapshot(db, live + 1),
  ]);
  const examples: string[] = [];
  let mismatches = 0;
  for (const kind of ['learners', 'counters', 'teams'] as const) {
    const byId = (docs: unknown[]) =>
      new Map((docs as Record<string, unknown>[]).map((d) => [String(d._id), d]));
    const a = byId(before[kind]);
    const b = byId(after[kind]);
    for (const id of new Set([...a.keys(), ...b.keys()])) {
      if (isDeepStrictEqual(a.get(id), b.get(id))) continue;
      mismatches += 1;
      if (examples.length < 5) examples.push(`${kind} ${id}`);
    }
  }
  return {
    learners: before.learners.length,
    counters: before.counters.length,
    teams: before.teams.length,
    mismatches,
    rebuildSeconds,
    examples,
  };
}
