/**
 * A message that can never be processed, whatever is retried: it goes to the dead-letter topic
 * so the partition keeps moving. Everything else a handler throws is treated as retriable.
 */
export class PoisonMessageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PoisonMessageError';
  }
}

/** Kafka cannot take the message now (broker down, queue full); the caller may retry later. */
export class ProducerUnavailableError extends Error {
  constructor(
    reason: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(reason);
    this.name = 'ProducerUnavailableError';
  }
}
