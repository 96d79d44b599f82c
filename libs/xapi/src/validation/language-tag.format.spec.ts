import { isLanguageTag } from './language-tag.format';

describe('isLanguageTag', () => {
  it.each([
    ['a two-letter language', 'de'],
    ['a three-letter language', 'cmn'],
    ['language-region', 'de-DE'],
    ['language-UN region', 'es-419'],
    ['language-script', 'zh-Hant'],
    ['language-script-region', 'sr-Latn-RS'],
    ['an extlang', 'zh-yue-HK'],
    ['a variant', 'de-CH-1901'],
    ['two variants', 'sl-rozaj-biske'],
    ['an extension', 'en-US-u-islamcal'],
    ['two extensions', 'zh-z-aaa-y-bbb'],
    ['private use after a language', 'en-x-odp'],
    ['a private-use tag', 'x-whatever'],
    ['an irregular grandfathered tag', 'i-klingon'],
    ['a regular grandfathered tag', 'zh-min-nan'],
    ['any case', 'EN-gb'],
    ['a Klingon tag used by the suite', 'tlh'],
  ])('accepts %s', (_case, value) => {
    expect(isLanguageTag(value)).toBe(true);
  });

  it.each([
    ['a repeated singleton', 'zh-z-aaa-z-bbb-c-ccc'],
    ['a repeated variant', 'de-1901-1901'],
    ['a one-letter language', 'e'],
    ['a nine-letter subtag', 'abcdefghi'],
    ['a three-letter subtag after a region', 'en-US-abc'],
    ['a region before a script', 'en-US-Latn'],
    ['four extlangs', 'zh-aaa-bbb-ccc-ddd'],
    ['an extension without a subtag', 'en-a'],
    ['an extension subtag too short', 'en-a-b'],
    ['a trailing hyphen', 'en-'],
    ['an empty subtag', 'en--US'],
    ['an underscore', 'en_US'],
    ['whitespace', 'en US'],
    ['a bare x', 'x'],
    ['a made-up word', 'something'],
    ['the empty string', ''],
    ['a number', 12],
  ])('rejects %s', (_case, value) => {
    expect(isLanguageTag(value)).toBe(false);
  });
});
