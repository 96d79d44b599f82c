import { partitionLag } from './consumer-lag.monitor';

describe('partitionLag', () => {
  const offsets = { partition: 0, low: '10', high: '25' };

  it('is the high watermark minus the committed offset', () => {
    expect(partitionLag(offsets, '20')).toBe(5);
    expect(partitionLag(offsets, '25')).toBe(0);
  });

  it('counts everything retained when the group never committed', () => {
    expect(partitionLag(offsets, '-1')).toBe(15);
    expect(partitionLag(offsets, undefined)).toBe(15);
  });

  it('is never negative (a commit can be ahead of a stale watermark sample)', () => {
    expect(partitionLag(offsets, '30')).toBe(0);
  });
});
