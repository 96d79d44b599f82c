import { ProducerUnavailableError } from '@lr/messaging';
import { metricsRegistry } from '@lr/observability';
import { BadRequestError, ConflictError, ForbiddenError } from '../common/domain-errors';
import { countedWrite, rejectionReason } from './statement-metrics';

async function value(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric(name)!.get();
  const match = metric.values.find((v) =>
    Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return match?.value ?? 0;
}

describe('statement write metrics', () => {
  it('names why a write was refused', () => {
    expect(rejectionReason(new BadRequestError('x'))).toBe('invalid');
    expect(rejectionReason(new ForbiddenError('x'))).toBe('forbidden');
    expect(rejectionReason(new ConflictError('x'))).toBe('conflict');
    expect(rejectionReason(new ProducerUnavailableError('x'))).toBe('unavailable');
    expect(rejectionReason(new Error('x'))).toBe('error');
  });

  it('counts statements of accepted and refused writes', async () => {
    const accepted = await value('lr_statements_accepted_total');
    const conflicts = await value('lr_statements_rejected_total', { reason: 'conflict' });
    await expect(countedWrite(3, async () => ['a', 'b', 'c'])).resolves.toHaveLength(3);
    await expect(
      countedWrite(2, () => {
        throw new ConflictError('taken');
      }),
    ).rejects.toThrow('taken');
    expect(await value('lr_statements_accepted_total')).toBe(accepted + 3);
    expect(await value('lr_statements_rejected_total', { reason: 'conflict' })).toBe(conflicts + 2);
  });
});
