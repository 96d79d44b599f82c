import { durationComparisonKey } from './duration-hundredths.format';

describe('durationComparisonKey', () => {
  it.each([
    ['P1DT12H36M0.1237S', 'P1DT12H36M0.12S'],
    ['P1DT12H36M0.12S', 'P1DT12H36M0.12S'],
    ['PT1.50S', 'PT1.5S'],
    ['PT1.509S', 'PT1.5S'],
    ['PT1.00S', 'PT1S'],
    ['PT1.009S', 'PT1S'],
    ['PT1.05S', 'PT1.05S'],
    ['PT1S', 'PT1S'],
    ['PT1H', 'PT1H'],
  ])('%s → %s', (duration, expected) => {
    expect(durationComparisonKey(duration)).toBe(expected);
  });
});
