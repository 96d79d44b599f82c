import { isIso8601Duration } from './duration.format';

describe('isIso8601Duration', () => {
  it.each([
    ['hours, minutes, fractional seconds', 'PT4H35M59.14S'],
    ['seconds only', 'PT16559.14S'],
    ['all components', 'P3Y1M29DT4H35M59.14S'],
    ['years only', 'P3Y'],
    ['weeks only', 'P4W'],
    ['a fraction of a second beyond 0.01', 'P1DT12H36M0.12567S'],
    ['minutes that are not months', 'PT1M'],
    ['a fraction on the last component', 'PT1.5H'],
    ['a comma fraction', 'PT0,5S'],
    ['zero', 'PT0S'],
  ])('accepts %s', (_case, value) => {
    expect(isIso8601Duration(value)).toBe(true);
  });

  it.each([
    ['weeks combined with days', 'P4W1D'],
    ['a letter in the number', 'PA1H0M0S'],
    ['a bare string', 'should fail'],
    ['P alone', 'P'],
    ['T with nothing after it', 'P1DT'],
    ['out-of-order components', 'PT5S1M'],
    ['a time component before T', 'P1H'],
    ['a fraction before the last component', 'PT1.5H30M'],
    ['the alternative format', 'P0003-04-06T12:30:05'],
    ['a negative duration', '-PT1S'],
    ['a repeated component', 'PT1M2M'],
    ['two Ts', 'PT1HT2M'],
    ['a number', 12345],
    ['an object', { key: 'invalid' }],
  ])('rejects %s', (_case, value) => {
    expect(isIso8601Duration(value)).toBe(false);
  });
});
