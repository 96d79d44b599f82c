import { axisTicks, labelEvery, niceCeiling } from './web/chart-scale';

describe('chart scale', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [106, 200],
    [230, 250],
    [500, 500],
    [0.3, 0.5],
  ])('rounds %p up to the nice number %p', (value, nice) => {
    expect(niceCeiling(value)).toBe(nice);
  });

  it('puts the 500-a-month line on the axis with room for months above it', () => {
    expect(axisTicks(500)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(axisTicks(530)).toEqual([0, 200, 400, 600]);
    expect(axisTicks(40)).toEqual([0, 10, 20, 30, 40]);
  });

  it('still draws an axis when every value is zero', () => {
    expect(axisTicks(0)).toEqual([0, 1]);
  });

  it('thins month labels to what fits', () => {
    expect(labelEvery(24, 12)).toBe(2);
    expect(labelEvery(6, 12)).toBe(1);
    expect(labelEvery(25, 12)).toBe(3);
  });
});
