import { counter, gauge, histogram } from '@lr/observability';

const projected = counter(
  'lr_statements_projected_total',
  'Records of the statement topic a read model has taken in.',
  ['read_model'],
);

const freshness = gauge(
  'lr_projection_freshness_seconds',
  'For the last batch a read model took in: seconds from its newest record reaching the log ' +
    '(within LRS_STORED_LAG_MS of its stored time) to the read model having it.',
  ['read_model'],
);

const delay = histogram(
  'lr_projection_delay_seconds',
  'The same delay as lr_projection_freshness_seconds, one observation per batch.',
  ['read_model'],
);

export type ReadModel = 'statement-store' | 'learning';

/** Counts a projected batch and how far behind the log it was; once per batch, not per record. */
export function recordProjected(
  readModel: ReadModel,
  records: readonly { readonly timestamp: string }[],
  now: number = Date.now(),
): void {
  const newest = records.at(-1);
  if (!newest) return;
  projected.inc({ read_model: readModel }, records.length);
  const seconds = Math.max(0, (now - Number(newest.timestamp)) / 1000);
  freshness.set({ read_model: readModel }, seconds);
  delay.observe({ read_model: readModel }, seconds);
}
