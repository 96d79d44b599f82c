import { metricsRegistry } from '@lr/observability';
import { recordProjected } from './projection-metrics';

async function value(name: string, readModel: string): Promise<number | undefined> {
  const metric = await metricsRegistry.getSingleMetric(name)!.get();
  return metric.values.find((v) => v.labels.read_model === readModel)?.value;
}

describe('recordProjected', () => {
  it('counts the records and measures the newest one against the clock', async () => {
    const before = (await value('lr_statements_projected_total', 'learning')) ?? 0;
    recordProjected('learning', [{ timestamp: '1000' }, { timestamp: '4000' }], 6_500);
    expect(await value('lr_statements_projected_total', 'learning')).toBe(before + 2);
    expect(await value('lr_projection_freshness_seconds', 'learning')).toBe(2.5);
  });

  it('reads a clock behind the log as no delay, and ignores empty batches', async () => {
    recordProjected('statement-store', [{ timestamp: '9000' }], 8_000);
    expect(await value('lr_projection_freshness_seconds', 'statement-store')).toBe(0);
    const before = await value('lr_statements_projected_total', 'statement-store');
    recordProjected('statement-store', [], 10_000);
    expect(await value('lr_statements_projected_total', 'statement-store')).toBe(before);
  });
});
