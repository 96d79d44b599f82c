import { AwardingBody } from '@lr/catalogue';
import { counter, histogram } from '@lr/observability';
import { Decision } from '../claims/retry-decision';

const attempts = counter(
  'lr_webhook_attempts_total',
  'Webhook deliveries to awarding bodies by body and outcome (acknowledged, accepted, rejected, retry, dead).',
  ['body', 'outcome'],
);

const duration = histogram(
  'lr_webhook_duration_seconds',
  'One webhook delivery, from sending to the answer (or the timeout), by body.',
  ['body'],
);

const dead = counter(
  'lr_claims_dead_total',
  'Claims that ran out of attempts (dead letters an operator may re-drive), by body.',
  ['body'],
);

export function recordAttempt(body: AwardingBody, decision: Decision, ms: number): void {
  attempts.inc({ body, outcome: decision.outcome });
  duration.observe({ body }, ms / 1000);
  if (decision.status === 'dead') dead.inc({ body });
}
