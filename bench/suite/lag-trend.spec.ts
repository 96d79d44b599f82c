import { LagSample, lagTrend } from './lag-trend';

const series = (lagAt: (t: number) => number, seconds = 300, every = 2): LagSample[] =>
  Array.from({ length: seconds / every + 1 }, (_, i) => ({
    atSeconds: i * every,
    lag: lagAt(i * every),
  }));

describe('lagTrend', () => {
  it('passes lag that jitters around a level', () => {
    const trend = lagTrend(
      series((t) => 400 + ((t * 37) % 300)),
      1_000,
    );
    expect(trend.grows).toBe(false);
    expect(trend.maxLag).toBeLessThan(700);
  });

  it('fails lag that keeps growing beyond two seconds of load', () => {
    // 20 records/s more than the projector keeps up with: 6,000 behind after five minutes.
    const trend = lagTrend(
      series((t) => 100 + 20 * t),
      1_000,
    );
    expect(trend.grows).toBe(true);
    expect(trend.slopePerSecond).toBeCloseTo(20, 5);
    expect(trend.growth).toBe(6_000);
  });

  it('counts slow drift within two seconds of load as noise', () => {
    const trend = lagTrend(
      series((t) => 100 + 5 * t),
      1_000,
    );
    expect(trend.growth).toBe(1_500);
    expect(trend.grows).toBe(false);
  });

  it('does not judge from fewer than three samples', () => {
    expect(lagTrend([{ atSeconds: 0, lag: 5 }], 100).grows).toBeNull();
  });
});
