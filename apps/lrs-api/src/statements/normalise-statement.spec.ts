import { normaliseStatement, toUtcIso } from './normalise-statement';

describe('toUtcIso', () => {
  it.each([
    ['2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000Z'],
    ['2023-05-04T12:00:00-05:00', '2023-05-04T17:00:00.000Z'],
    ['2023-05-04T12:00:00+01', '2023-05-04T11:00:00.000Z'],
    ['20151118T121700Z', '2015-11-18T12:17:00.000Z'],
    ['2026-11-23T10:00:00.123456789+00:00', '2026-11-23T10:00:00.123Z'],
    ['2026-11-23T10:00:00,5Z', '2026-11-23T10:00:00.500Z'],
  ])('%s → %s', (input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
  });

  it('gives up on what is not a timestamp', () => {
    expect(toUtcIso('yesterday')).toBeNull();
  });
});

describe('normaliseStatement', () => {
  it('makes single context activities arrays, in sub-statements too, and keeps the rest', () => {
    const parent = { id: 'https://odp/q' };
    const statement = {
      actor: { mbox: 'mailto:a@b.c' },
      context: { contextActivities: { parent, grouping: [parent] }, registration: 'x' },
      object: { objectType: 'SubStatement', context: { contextActivities: { other: parent } } },
      result: { score: { raw: 0.12123434 } },
    };
    expect(normaliseStatement(statement)).toEqual({
      ...statement,
      context: { contextActivities: { parent: [parent], grouping: [parent] }, registration: 'x' },
      object: { objectType: 'SubStatement', context: { contextActivities: { other: [parent] } } },
    });
  });
});
