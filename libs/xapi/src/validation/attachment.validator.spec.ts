import { attachmentsFailure } from './attachment.validator';

const ATTACHMENT = {
  usageType: 'http://example.com/attachment-usage/test',
  display: { 'en-US': 'A test attachment' },
  description: { 'en-US': 'A test attachment (description)' },
  contentType: 'text/plain; charset=ascii',
  length: 27,
  sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
  fileUrl: 'http://over.there.com/file.txt',
};

function attachment(changes: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ ...ATTACHMENT, ...changes })) as Record<string, unknown>;
}

/** [case, attachments, path of the expected failure or null for valid] */
type Row = [string, unknown, string | null];

describe('Attachments', () => {
  it.each<Row>([
    ['a full attachment', [ATTACHMENT], null],
    ['no attachments', [], null],
    [
      'without the optional description and fileUrl',
      [attachment({ description: undefined, fileUrl: undefined })],
      null,
    ],
    [
      'a signature attachment',
      [
        attachment({
          usageType: 'http://adlnet.gov/expapi/attachments/signature',
          contentType: 'application/octet-stream',
        }),
      ],
      null,
    ],
    ['a SHA-512 hash', [attachment({ sha2: 'a'.repeat(128) })], null],
    ['not an array', ATTACHMENT, ''],
    [
      'a usageType without scheme',
      [attachment({ usageType: 'example.com/usage' })],
      '[0].usageType',
    ],
    ['a missing usageType', [attachment({ usageType: undefined })], '[0].usageType'],
    ['a missing display', [attachment({ display: undefined })], '[0].display'],
    [
      'a display with a bad language tag',
      [attachment({ display: { something: 'x' } })],
      '[0].display["something"]',
    ],
    [
      'a description with a bad language tag',
      [attachment({ description: { something: 'x' } })],
      '[0].description["something"]',
    ],
    ['a missing contentType', [attachment({ contentType: undefined })], '[0].contentType'],
    [
      'a contentType that is not a media type',
      [attachment({ contentType: 'text' })],
      '[0].contentType',
    ],
    ['a missing length', [attachment({ length: undefined })], '[0].length'],
    ['a string length', [attachment({ length: '27' })], '[0].length'],
    ['a fractional length', [attachment({ length: 2.5 })], '[0].length'],
    ['a negative length', [attachment({ length: -1 })], '[0].length'],
    ['a missing sha2', [attachment({ sha2: undefined })], '[0].sha2'],
    ['a sha2 of the wrong length', [attachment({ sha2: 'abc' })], '[0].sha2'],
    ['a non-hex sha2', [attachment({ sha2: 'z'.repeat(64) })], '[0].sha2'],
    [
      'a fileUrl without scheme',
      [attachment({ fileUrl: 'over.there.com/file.txt' })],
      '[0].fileUrl',
    ],
    ['an unknown property', [attachment({ size: 27 })], '[0].size'],
    ['a second, invalid attachment', [ATTACHMENT, attachment({ length: null })], '[1].length'],
  ])('%s', (_case, value, path) => {
    const result = attachmentsFailure(value);
    if (path === null) expect(result).toBeNull();
    else expect(result).toMatchObject({ path, message: expect.any(String) as string });
  });
});
