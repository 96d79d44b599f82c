import { isUuid } from './uuid.format';

describe('isUuid', () => {
  it.each([
    ['lower-case v4', 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0'],
    ['upper-case (the suite sends these)', 'AA97B177-9383-4934-8543-0F91A7A02836'],
    ['v1', 'c232ab00-9414-11ec-b3c8-9f6bdeced846'],
    ['v7', '01890a5d-ac96-774b-bcce-b302099a8057'],
    ['nil', '00000000-0000-0000-0000-000000000000'],
  ])('accepts %s', (_case, value) => {
    expect(isUuid(value)).toBe(true);
  });

  it.each([
    ['one digit too many', 'AA97B177-9383-4934-8543-0F91A7A028368'],
    ['a non-hex letter', 'MA97B177-9383-4934-8543-0F91A7A02836'],
    ['no hyphens', 'fd41c918b88b4b20a0a5a4c32391aaa0'],
    ['braces', '{fd41c918-b88b-4b20-a0a5-a4c32391aaa}'],
    ['misplaced hyphen', 'fd41c918b-88b-4b20-a0a5-a4c32391aaa0'],
    ['the empty string', ''],
    ['a number', 12345],
    ['an object', { key: 'should fail' }],
    ['null', null],
  ])('rejects %s', (_case, value) => {
    expect(isUuid(value)).toBe(false);
  });
});
