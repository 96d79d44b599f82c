import { Metric } from '../counters/metrics';

/** Per-month and total counts of each metric for one filter combination (see counterId). */
export type CounterDocument = {
  readonly _id: string;
  /** Offset of the last journal applied, per statement-topic partition: the idempotence guard. */
  readonly applied?: Readonly<Record<string, number>>;
} & Partial<Record<Metric, Readonly<Record<string, number>>>>;
