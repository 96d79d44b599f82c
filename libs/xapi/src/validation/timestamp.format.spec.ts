import { isIso8601Timestamp } from './timestamp.format';

describe('isIso8601Timestamp', () => {
  it.each([
    ['UTC with milliseconds', '2013-05-18T05:32:34.804Z'],
    ['a +hh:mm offset (RFC 3339)', '2008-09-15T15:53:00.601+00:00'],
    ['a negative offset', '2023-05-04T12:00:00-05:00'],
    ['a +hhmm offset', '2015-11-18T12:17:00+0100'],
    ['a +hh offset', '2015-11-18T12:17:00+01'],
    ['more than millisecond precision', '2015-11-18T12:17:00.123456789Z'],
    ['a comma fraction', '2015-11-18T12:17:00,5Z'],
    ['no seconds', '2015-11-18T12:17Z'],
    ['the basic format', '20151118T121700Z'],
    ['a leap day', '2024-02-29T00:00:00Z'],
    ['lower-case t and z', '2015-11-18t12:17:00z'],
  ])('accepts %s', (_case, value) => {
    expect(isIso8601Timestamp(value, true)).toBe(true);
  });

  it('accepts a timestamp without a zone unless a zone is required (xAPI 2.0)', () => {
    expect(isIso8601Timestamp('2015-11-18T12:17:00.000')).toBe(true);
    expect(isIso8601Timestamp('2015-11-18T12:17:00.000', true)).toBe(false);
  });

  it.each([
    ['a -00 offset', '2008-09-15T15:53:00.601-00'],
    ['a -0000 offset', '2008-09-15T15:53:00.601-0000'],
    ['a -00:00 offset', '2008-09-15T15:53:00.601-00:00'],
    ['a slashed date', '01/011/2015'],
    ['a bare string', 'should fail'],
    ['a date without a time', '2015-11-18'],
    ['a space instead of T', '2015-11-18 12:17:00Z'],
    ['month 13', '2015-13-18T12:17:00Z'],
    ['29 February in a common year', '2023-02-29T12:17:00Z'],
    ['31 April', '2015-04-31T12:17:00Z'],
    ['hour 24', '2015-11-18T24:00:00Z'],
    ['minute 60', '2015-11-18T12:60:00Z'],
    ['second 60', '2015-11-18T12:17:60Z'],
    ['an offset hour of 24', '2015-11-18T12:17:00+24:00'],
    ['a dangling fraction mark', '2015-11-18T12:17:00.Z'],
    ['basic date with extended time', '20151118T12:17:00Z'],
    ['trailing characters', '2015-11-18T12:17:00Zjunk'],
    ['a number', 1447849020000],
  ])('rejects %s', (_case, value) => {
    expect(isIso8601Timestamp(value)).toBe(false);
  });
});
