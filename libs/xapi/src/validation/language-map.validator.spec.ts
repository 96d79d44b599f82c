import { languageMapFailure } from './language-map.validator';

/** [case, language map, path of the expected failure or null for valid] */
type Row = [string, unknown, string | null];

describe('language maps', () => {
  it.each<Row>([
    ['two languages', { 'en-GB': 'attended', 'en-US': 'attended' }, null],
    ['non-Latin text', { 'ja-JP': '出席した', 'hy-AM': 'ներկա է գտնվել' }, null],
    ['an empty string value', { en: '' }, null],
    ['an empty map', {}, null],
    ['a key that is not a language tag', { 'en-US': 'x', something: 'y' }, '["something"]'],
    ['a numeric value', { en: 12345 }, '["en"]'],
    ['a null value', { en: null }, '["en"]'],
    ['a string instead of a map', 'a12345 attended', ''],
    ['a number instead of a map', 12345, ''],
    ['an array', ['en'], ''],
  ])('%s', (_case, value, path) => {
    const result = languageMapFailure(value);
    if (path === null) expect(result).toBeNull();
    else expect(result).toMatchObject({ path, message: expect.any(String) as string });
  });
});
