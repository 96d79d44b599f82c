/**
 * Three kafkajs 2.2.4 habits that cost the broker a request on every operation (the first two,
 * counted under bench:ingest at batch 1, were a third of all requests the apps sent to Kafka):
 *
 * - It never remembers a coordinator: every transactional step (begin, add offsets, commit) and
 *   every admin offset fetch first sends FindCoordinator. Here a lookup is kept for a second,
 *   per group or transactional id. A coordinator that moves is found again once that second is
 *   over, which kafkajs's retries (about 1.3 s for our producers) outlast.
 * - Its admin client is built with no metadata age, so each admin call that names a topic
 *   refreshes the whole cluster's metadata first. Admin clients here get the five minutes
 *   producers and consumers already have; metadata errors still refresh it at once.
 * - A consumer commits its resolved offsets after every batch, from each partition's handler and
 *   again from its own loop, each call a request even while another carrying the same offsets is
 *   under way (about 300 offset commits a second from the projector at batch 1). Here a commit of
 *   everything resolved that is asked for while one is in flight waits for it, then one more
 *   commit serves every caller that waited; each caller still returns only once a commit that
 *   began after its call has succeeded. Commits of explicit offsets pass straight through.
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

type CommitOffsets = (
  this: OffsetManagerInternals,
  offsets?: { topics?: unknown },
) => Promise<void>;

interface OffsetManagerInternals {
  commitOffsets: CommitOffsets;
  [commit: symbol]: Promise<void> | undefined;
}

interface Prototypes {
  readonly cluster: ClusterInternals & { [PATCHED]?: true };
  readonly offsetManager: OffsetManagerInternals;
  readonly brokerPool: BrokerPoolInternals & {
    refreshMetadataIfNecessary: (this: BrokerPoolInternals, topics: string[]) => Promise<unknown>;
  };
}

const CACHE = Symbol('coordinatorLookups');
const IN_FLIGHT = Symbol('commitInFlight');
const NEXT = Symbol('nextCommit');

export function installKafkajsRequestSavings(now: () => number = () => Date.now()): void {
  const { cluster, brokerPool, offsetManager } = kafkajsPrototypes();
  if (cluster[PATCHED]) return;
  const findCoordinator = cluster.findGroupCoordinatorMetadata;
  const refreshIfNecessary = brokerPool.refreshMetadataIfNecessary;
  const commitOffsets = offsetManager.commitOffsets;
  if (
    typeof findCoordinator !== 'function' ||
    typeof refreshIfNecessary !== 'function' ||
    typeof commitOffsets !== 'function' ||
    commitOffsets.length !== 0
  ) {
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
  offsetManager.commitOffsets = function (offsets) {
    if (offsets?.topics) return commitOffsets.call(this, offsets);
    const inFlight = this[IN_FLIGHT];
    if (!inFlight) {
      const commit = commitOffsets.call(this).finally(() => {
        if (this[IN_FLIGHT] === commit) this[IN_FLIGHT] = undefined;
      });
      this[IN_FLIGHT] = commit;
      return commit;
    }
    const next = (this[NEXT] ??= inFlight
      .catch(() => undefined)
      .then(() => {
        this[NEXT] = undefined;
        return this.commitOffsets();
      }));
    return next;
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
  const OffsetManager = fromKafkajs('./src/consumer/offsetManager') as {
    prototype: Prototypes['offsetManager'];
  };
  return {
    cluster: Cluster.prototype,
    brokerPool: BrokerPool.prototype,
    offsetManager: OffsetManager.prototype,
  };
}
