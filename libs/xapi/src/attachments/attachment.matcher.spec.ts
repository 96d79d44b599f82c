import { AttachmentPart } from './attachment-part';
import { matchAttachments } from './attachment.matcher';
import {
  TEXT_1,
  TEXT_2,
  defaultStatement,
  sha256Hex,
  textAttachment,
} from './suite-bodies.fixture';

const part = (data: Buffer): AttachmentPart => ({
  sha2: sha256Hex(data),
  contentType: 'text/plain',
  data,
});
const withAttachments = (...attachments: unknown[]) => ({ ...defaultStatement(), attachments });
const FILE_URL = { fileUrl: 'http://over.there.com/file.txt' };

/** [case, statements, parts, a fragment of the message, or null when they match] */
type Row = [string, Record<string, unknown>[], AttachmentPart[], string | null];

describe('matchAttachments', () => {
  it.each<Row>([
    ['one attachment, its part', [withAttachments(textAttachment(TEXT_1))], [part(TEXT_1)], null],
    ['no attachments, no parts', [defaultStatement()], [], null],
    [
      'fileUrl only, no parts (CT "uses fileUrl")',
      [withAttachments(textAttachment(TEXT_1, FILE_URL))],
      [],
      null,
    ],
    [
      'fileUrl and the data too',
      [withAttachments(textAttachment(TEXT_1, FILE_URL))],
      [part(TEXT_1)],
      null,
    ],
    [
      'one part for two statements',
      [withAttachments(textAttachment(TEXT_1)), withAttachments(textAttachment(TEXT_1))],
      [part(TEXT_1)],
      null,
    ],
    [
      'a declared length that is not the data’s (CT "raw data" sends hex twice the length)',
      [withAttachments(textAttachment(TEXT_1, { length: 1 }))],
      [part(TEXT_1)],
      null,
    ],
    [
      'hashes that differ only in case',
      [withAttachments(textAttachment(TEXT_1, { sha2: sha256Hex(TEXT_1).toUpperCase() }))],
      [part(TEXT_1)],
      null,
    ],
    [
      'a SubStatement’s attachment and its part',
      [
        {
          ...defaultStatement(),
          object: {
            ...defaultStatement(),
            objectType: 'SubStatement',
            attachments: [textAttachment(TEXT_2)],
          },
        },
      ],
      [part(TEXT_2)],
      null,
    ],
    [
      'a missing part (XAPI-00129)',
      [withAttachments(textAttachment(TEXT_1), textAttachment(TEXT_2))],
      [part(TEXT_1)],
      `sha2 ${sha256Hex(TEXT_2)} has no fileUrl and no part`,
    ],
    [
      'an extra part (XAPI-00128)',
      [withAttachments(textAttachment(TEXT_1))],
      [part(TEXT_1), part(TEXT_2)],
      `X-Experience-API-Hash ${sha256Hex(TEXT_2)} is no attachment's data`,
    ],
    ['a part with no attachments at all', [defaultStatement()], [part(TEXT_1)], 'is no attachment'],
  ])('%s', (_case, statements, parts, expected) => {
    const result = matchAttachments(statements, parts);
    expect(result).toEqual(
      expected === null
        ? { ok: true }
        : { ok: false, message: expect.stringContaining(expected) as unknown },
    );
  });
});
