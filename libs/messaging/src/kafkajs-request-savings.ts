/**
 * Two kafkajs 2.2.4 habits that cost the broker a request on every operation (counted under
 * bench:ingest at batch 1: a third of all requests the apps sent to Kafka):
 *
 * - It never remembers a coordinator: every transactional step (begin, add offsets, commit) and
 *   every admin offset fetch first sends FindCoordinator. Here a lookup is kept for a second,
 *   per group or transactional id. A coordinator that moves is found again once that second is
 *   over, which kafkajs's retries (about 1.3 s for our producers) outlast.
 * - Its admin client is built with no metadata age, so each admin call that names a topic
 *   refreshes the whole cluster's metadata first. Admin clients here get the five minutes
 *   producers and consumers already have; metadata errors still refresh it at once.
 *
 * These reach into kafkajs's internals, so installing checks that they are what was measured
 * and fails the boot otherwise (the version is pinned in package.json).
 */
import { createRequire } from 'node:module';

const COORDINATOR_TTL_MS = 1_000;
const ADMIN_METADATA_MAX_AGE_MS = 300_000;
const PATCHED = Symbol.for('learning-records.kafkajs-request-savings');

interface CoordinatorLookup {
  readonly groupId: string;
  readonly coordinatorType?: number;
}

interface CachedLookup {
  readonly expiresAt: number;
  readonly metadata: Promise<unknown>;
}

interface ClusterInternals {
  findGroupCoordinatorMetadata: (
    this: ClusterInternals,
    lookup: CoordinatorLookup,
  ) => Promise<unknown>;
  [cache: symbol]: Map<string, CachedLookup> | undefined;
}

interface BrokerPoolInternals {
  metadataMaxAge: number;
}

interface Prototypes {
  readonly cluster: ClusterInternals & { [PATCHED]?: true };
  readonly brokerPool: BrokerPoolInternals & {
    refreshMetadataIfNecessary: (this: BrokerPoolInternals, topics: string[]) => Promise<unknown>;
  };
}

const CACHE = Symbol('coordinatorLookups');

export function installKafkajsRequestSavings(now: () => number = () => Date.now()): void {
  const { cluster, brokerPool } = kafkajsPrototypes();
  if (cluster[PATCHED]) return;
  const findCoordinator = cluster.findGroupCoordinatorMetadata;
  const refreshIfNecessary = brokerPool.refreshMetadataIfNecessary;
  if (typeof findCoordinator !== 'function' || typeof refreshIfNecessary !== 'function') {
    throw new Error('kafkajs internals changed: review libs/messaging/src/kafkajs-request-savings');
  }
  cluster.findGroupCoordinatorMetadata = function (lookup: CoordinatorLookup) {
    const cache = (this[CACHE] ??= new Map<string, CachedLookup>());
    const key = `${lookup.coordinatorType ?? 0}:${lookup.groupId}`;
    const cached = cache.get(key);
    if (cached && cached.expiresAt > now()) return cached.metadata;
    const metadata = findCoordinator.call(this, lookup).catch((error: unknown) => {
      if (cache.get(key)?.metadata === metadata) cache.delete(key);
      throw error;
    });
    cache.set(key, { expiresAt: now() + COORDINATOR_TTL_MS, metadata });
    return metadata;
  };
  brokerPool.refreshMetadataIfNecessary = function (topics: string[]) {
    // Only admin clients are built with no age (kafkajs defaults everything else to 5 minutes).
    if (!this.metadataMaxAge) this.metadataMaxAge = ADMIN_METADATA_MAX_AGE_MS;
    return refreshIfNecessary.call(this, topics);
  };
  cluster[PATCHED] = true;
}

function kafkajsPrototypes(): Prototypes {
  // The same module instances kafkajs itself loads: resolved from its own entry point.
  const fromKafkajs = createRequire(require.resolve('kafkajs'));
  const Cluster = fromKafkajs('./src/cluster') as { prototype: Prototypes['cluster'] };
  const BrokerPool = fromKafkajs('./src/cluster/brokerPool') as {
    prototype: Prototypes['brokerPool'];
  };
  return { cluster: Cluster.prototype, brokerPool: BrokerPool.prototype };
}
