import { ProducerUnavailableError } from '@lr/messaging';
import { counter, histogram } from '@lr/observability';
import { DomainError } from '../common/domain-errors';

const accepted = counter(
  'lr_statements_accepted_total',
  'Statements in writes the LRS accepted (a repeat of a stored statement included).',
);

const rejected = counter(
  'lr_statements_rejected_total',
  'Statements in writes the LRS refused, by reason: invalid, forbidden, conflict, unavailable, error.',
  ['reason'],
);

export const readYourWritesWait = histogram(
  'lr_read_your_writes_wait_seconds',
  'How long an accepted write waited for the statement store to have it: visible, timeout, or stalled (did not wait: the store had stopped moving).',
  ['outcome'],
);

/** Runs a statement write, counting its statements as accepted or rejected with the reason. */
export async function countedWrite<T>(statements: number, write: () => Promise<T>): Promise<T> {
  try {
    const result = await write();
    accepted.inc(statements);
    return result;
  } catch (error) {
    rejected.inc({ reason: rejectionReason(error) }, statements);
    throw error;
  }
}

export function rejectionReason(error: unknown): string {
  if (error instanceof ProducerUnavailableError) return 'unavailable';
  if (!(error instanceof DomainError)) return 'error';
  if (error.status === 401 || error.status === 403) return 'forbidden';
  if (error.status === 409) return 'conflict';
  return 'invalid';
}
