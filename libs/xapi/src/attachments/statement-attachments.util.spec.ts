import { attachmentHashesOf, attachmentsOf } from './statement-attachments.util';
import {
  TEXT_1,
  TEXT_2,
  defaultStatement,
  sha256Hex,
  textAttachment,
} from './suite-bodies.fixture';

const subStatement = (attachments: unknown[]) => ({
  ...defaultStatement(),
  object: { ...defaultStatement(), objectType: 'SubStatement', attachments },
});

describe('attachmentsOf', () => {
  it('includes a SubStatement’s attachments and skips what is not an object', () => {
    const own = textAttachment(TEXT_1);
    const inner = textAttachment(TEXT_2);
    const statement = { ...subStatement([inner, 'junk']), attachments: [own, null] };
    expect(attachmentsOf(statement)).toEqual([own, inner]);
  });

  it('ignores attachments on an object that is not a SubStatement', () => {
    const statement = {
      ...defaultStatement(),
      object: { id: 'x', attachments: [textAttachment(TEXT_1)] },
    };
    expect(attachmentsOf(statement)).toEqual([]);
  });
});

describe('attachmentHashesOf', () => {
  it('returns each declared sha2 once, lower-cased, fileUrl ones included', () => {
    const h1 = sha256Hex(TEXT_1);
    const h2 = sha256Hex(TEXT_2);
    const statements = [
      { ...defaultStatement(), attachments: [textAttachment(TEXT_1, { sha2: h1.toUpperCase() })] },
      subStatement([textAttachment(TEXT_1), textAttachment(TEXT_2, { fileUrl: 'http://x.org/f' })]),
      defaultStatement(),
    ];
    expect(attachmentHashesOf(statements)).toEqual([h1, h2]);
  });
});
