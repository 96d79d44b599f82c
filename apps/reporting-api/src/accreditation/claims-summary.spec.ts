import { summariseClaims } from './claims-summary';

describe('summariseClaims', () => {
  it('gives one row per status in the claim lifecycle order, zeros included', () => {
    const summary = summariseClaims([
      { kind: 'certificate', status: 'acknowledged', count: 3 },
      { kind: 'registration', status: 'acknowledged', count: 5 },
      { kind: 'registration', status: 'dead', count: 1 },
    ]);
    expect(summary).toEqual({
      total: 9,
      byStatus: [
        { status: 'pending', registration: 0, certificate: 0, total: 0 },
        { status: 'sent', registration: 0, certificate: 0, total: 0 },
        { status: 'acknowledged', registration: 5, certificate: 3, total: 8 },
        { status: 'rejected', registration: 0, certificate: 0, total: 0 },
        { status: 'dead', registration: 1, certificate: 0, total: 1 },
      ],
    });
  });

  it('keeps a status it does not know, after the known ones, so totals still add up', () => {
    const summary = summariseClaims([
      { kind: 'registration', status: 'sent', count: 2 },
      { kind: 'registration', status: 'withdrawn', count: 4 },
    ]);
    expect(summary.total).toBe(6);
    expect(summary.byStatus.at(-1)).toEqual({
      status: 'withdrawn',
      registration: 4,
      certificate: 0,
      total: 4,
    });
  });

  it('is all zeros with no claims', () => {
    const summary = summariseClaims([]);
    expect(summary.total).toBe(0);
    expect(summary.byStatus.every((row) => row.total === 0)).toBe(true);
  });
});
