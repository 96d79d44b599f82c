import { metricsRegistry } from '@lr/observability';
import { ClaimStatesMonitor } from './claim-states.monitor';
import { ClaimsRepository } from './claims.repository';

async function claims(): Promise<Record<string, number>> {
  const metric = await metricsRegistry.getSingleMetric('lr_claims')!.get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.state), v.value]));
}

describe('ClaimStatesMonitor', () => {
  it('sets every state, zero for states without claims', async () => {
    const repository = {
      countByStatus: async () =>
        new Map([
          ['acknowledged', 6],
          ['dead', 1],
        ]),
    } as unknown as ClaimsRepository;
    await new ClaimStatesMonitor(repository).refresh();
    expect(await claims()).toEqual({ pending: 0, sent: 0, acknowledged: 6, rejected: 0, dead: 1 });
  });

  it('keeps the last figures when the store does not answer', async () => {
    const failing = {
      countByStatus: async () => Promise.reject(new Error('mongo down')),
    } as unknown as ClaimsRepository;
    const before = await claims();
    await new ClaimStatesMonitor(failing).refresh();
    expect(await claims()).toEqual(before);
  });
});
