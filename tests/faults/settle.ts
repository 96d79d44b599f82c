import { Db } from 'mongodb';
import { learningGroupName } from '@lr/learning';
import { waitFor } from '@lr/testing';
import { STATEMENT_STORE_GROUP } from '@lr/xapi';
import { KafkaWatch } from './kafka-watch';
import { progress } from './progress';

/**
 * Event-driven waits: projections caught up, claims acknowledged and announced, and again. A
 * wait that runs out is reported and the checks still run, so the table shows what is missing;
 * answers the waits that ran out.
 */
export async function settle(watch: KafkaWatch, db: Db, prefix: string): Promise<string[]> {
  const unsettled: string[] = [];
  const until = (probe: () => Promise<boolean>, what: string) =>
    waitUntil(probe, what).catch((error: unknown) => {
      progress(`WARNING: ${String(error)}`);
      unsettled.push(what);
    });
  const statements = `${prefix}.xapi.statements.v1`;
  const lagOf = (group: string, topic: string) => async () =>
    (await watch.lag(`${prefix}.${group}`, topic)) === 0;
  const caughtUp = async () => {
    await until(lagOf(STATEMENT_STORE_GROUP, statements), 'the statement store to catch up');
    await until(lagOf(learningGroupName(1), statements), 'the learning projection to catch up');
    await until(
      lagOf('accreditation-gateway', `${prefix}.learning.events.v1`),
      'the gateway to read every learning event',
    );
  };
  await caughtUp();
  progress('projections caught up; waiting for every claim to be acknowledged and announced');
  const claims = db.collection('accreditation_claims');
  const open = {
    $or: [{ status: { $ne: 'acknowledged' } }, { kind: 'certificate', announced: { $ne: true } }],
  };
  await until(
    async () => (await claims.countDocuments(open)) === 0,
    'every claim to be acknowledged and announced',
  );
  // Announcing writes certification statements back to the LRS: those must be projected too.
  await caughtUp();
  progress(unsettled.length > 0 ? 'gave up waiting' : 'settled');
  return unsettled;
}

async function waitUntil(probe: () => Promise<boolean>, what: string): Promise<void> {
  await waitFor(async () => ((await probe()) ? true : undefined), {
    timeoutMs: 180_000,
    intervalMs: 1_000,
    what,
  });
}
