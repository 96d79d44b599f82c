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
}
