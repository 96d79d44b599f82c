import { BadRequestError } from '../common/domain-errors';
import { documentContent, etagOf, mergeJson } from './document-content';

describe('document content', () => {
  it('keeps non-JSON bytes as they are, and JSON as an object', () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(documentContent('application/octet-stream', bytes)).toEqual({
      contentType: 'application/octet-stream',
      data: bytes,
      json: null,
    });
    expect(documentContent('application/json', { a: 1 }).json).toEqual({ a: 1 });
  });

  it('merges JSON objects with the new keys winning, and refuses anything else', () => {
    const merged = mergeJson(
      documentContent('application/json', { car: 'Honda', year: 1 }),
      documentContent('application/json', { year: 2 }),
    );
    expect(merged.json).toEqual({ car: 'Honda', year: 2 });
    expect(() =>
      mergeJson(
        documentContent('text/plain', Buffer.from('x')),
        documentContent('application/json', { a: 1 }),
      ),
    ).toThrow(BadRequestError);
  });

  it('tags content with a quoted SHA-1 that changes with the bytes', () => {
    expect(etagOf(Buffer.from('a'))).toBe('"86f7e437faa5a7fce15d1ddcb9eaeaea377667b8"');
    expect(etagOf(Buffer.from('b'))).not.toBe(etagOf(Buffer.from('a')));
  });
});
