import { MediaType, parseMediaType } from './media-type.parser';

function params(mediaType: MediaType | null): Record<string, string> | null {
  return mediaType === null ? null : Object.fromEntries(mediaType.params);
}

/** [header, essence, parameters] with null for a malformed header */
type Row = [string, string | null, Record<string, string> | null];

describe('parseMediaType', () => {
  it.each<Row>([
    ['application/json', 'application/json', {}],
    ['Application/JSON; Charset=UTF-8', 'application/json', { charset: 'UTF-8' }],
    ['multipart/mixed; boundary=abc', 'multipart/mixed', { boundary: 'abc' }],
    ['multipart/mixed;boundary="a b;c=d"', 'multipart/mixed', { boundary: 'a b;c=d' }],
    ['multipart/mixed; boundary="a\\"b" ; x=y', 'multipart/mixed', { boundary: 'a"b', x: 'y' }],
    ['multipart/mixed;', 'multipart/mixed', {}],
    ['multipart/mixed; ; boundary=x;', 'multipart/mixed', { boundary: 'x' }],
    ['multipart/mixed; boundary', null, null],
    ['multipart/mixed; boundary=', null, null],
    ['multipart/mixed; boundary="unterminated', null, null],
    ['multipart/mixed; boundary=a b', null, null],
    ['multipart/mixed; boundary=a; boundary=b', null, null],
    ['multipart', null, null],
    ['', null, null],
  ])('%s', (header, essence, expected) => {
    const parsed = parseMediaType(header);
    expect(parsed?.essence ?? null).toBe(essence);
    expect(params(parsed)).toEqual(expected);
  });
});
