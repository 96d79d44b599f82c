import { StoreStall } from './store-stall';

const offsets = (...values: number[]) => new Map(values.map((v, p) => [p, BigInt(v)]));

describe('StoreStall', () => {
  it('is not stalled until a wait runs out with the offsets where they were', () => {
    const stall = new StoreStall();
    expect(stall.stalled(offsets(5, 7))).toBe(false);
    expect(stall.waitRanOut(offsets(5, 7), offsets(5, 8))).toBe(false);
    expect(stall.stalled(offsets(5, 8))).toBe(false);
  });

  it('stays stalled while nothing moves and ends once any partition moves', () => {
    const stall = new StoreStall();
    expect(stall.waitRanOut(offsets(5, 7), offsets(5, 7))).toBe(true);
    expect(stall.stalled(offsets(5, 7))).toBe(true);
    expect(stall.stalled(offsets(5, 7))).toBe(true);
    expect(stall.stalled(offsets(6, 7))).toBe(false);
    // Once ended it takes another wait running out to begin again.
    expect(stall.stalled(offsets(5, 7))).toBe(false);
  });

  it('treats a partition appearing as movement', () => {
    const stall = new StoreStall();
    stall.waitRanOut(offsets(5), offsets(5));
    expect(stall.stalled(offsets(5, 0))).toBe(false);
  });
});
