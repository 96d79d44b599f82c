import { durationComparisonKey, truncateDurationToHundredths } from './duration-hundredths.format';

describe('truncateDurationToHundredths', () => {
  it.each([
    ['P1DT12H36M0.12567S', 'P1DT12H36M0.12S'],
    ['P1DT12H36M0.1237S', 'P1DT12H36M0.12S'],
    ['PT0.10567S', 'PT0.10S'],
    ['PT0.999S', 'PT0.99S'],
    ['PT1,2345S', 'PT1.23S'],
    ['PT0.12S', 'PT0.12S'],
    ['PT0.1S', 'PT0.1S'],
    ['PT1H', 'PT1H'],
    ['P1D', 'P1D'],
    ['PT30S', 'PT30S'],
  ])('%s → %s', (duration, expected) => {
    expect(truncateDurationToHundredths(duration)).toBe(expected);
  });
});

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
