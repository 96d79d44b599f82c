export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

export interface KafkaOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topicPrefix: string;
  readonly statementPartitions: number;
  readonly replicationFactor: number;
  /** Upper bound on messages waiting for the producer; beyond it sends fail fast (backpressure). */
  readonly maxQueuedMessages?: number;
  /** Upper bound on messages in one produce request. */
  readonly maxBatchMessages?: number;
  /** How long a flush waits for more messages to join it (default 0: none). */
  readonly lingerMs?: number;
  /**
   * When set, every flush is one Kafka transaction, so a request's messages become visible to
   * read-committed consumers all together or not at all. Must be stable per instance: a
   * restarted instance then aborts its predecessor's open transaction at once.
   */
  readonly transactionalId?: string;
  /** Broker-side bound on an open transaction; also bounds how stale `stored` can be on commit. */
  readonly transactionTimeoutMs?: number;
  /**
   * How long boot waits for the transactional producer to connect (default 30 s); past it the
   * app starts anyway and its first transaction connects.
   */
  readonly producerWarmUpMs?: number;
}
