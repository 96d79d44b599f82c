import { buildMultipartResponse } from './multipart.builder';
import { parseMultipartMixed } from './multipart.parser';
import {
  TEXT_1,
  TEXT_2,
  defaultStatement,
  sha256Hex,
  textAttachment,
} from './suite-bodies.fixture';

const h1 = sha256Hex(TEXT_1);
const h2 = sha256Hex(TEXT_2);
const BINARY = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x80]);
const statement = {
  ...defaultStatement(),
  attachments: [textAttachment(TEXT_1), textAttachment(TEXT_2)],
};

describe('buildMultipartResponse', () => {
  it('lays the body out exactly as the suite reads it', () => {
    const response = buildMultipartResponse(
      { a: 1 },
      [{ sha2: h1, contentType: 'text/plain', data: TEXT_1 }],
      'b0',
    );
    expect(response.contentType).toBe('multipart/mixed; boundary=b0');
    expect(response.body.toString('latin1')).toBe(
      '--b0\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n' +
        `--b0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${h1}\r\n\r\n` +
        'here is a simple attachment\r\n--b0--',
    );
  });

  it('picks a random boundary the suite can split on', () => {
    const a = buildMultipartResponse({}, []);
    const b = buildMultipartResponse({}, []);
    const boundary = a.contentType.split(';')[1]?.replace(' boundary=', '') ?? '';
    expect(boundary).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(b.contentType).not.toBe(a.contentType);
    expect(a.body.toString('latin1')).toBe(
      `--${boundary}\r\nContent-Type: application/json\r\n\r\n{}\r\n--${boundary}--`,
    );
  });

  it('sends each hash once, so it occurs only in the JSON and its part header', () => {
    const response = buildMultipartResponse({ statements: [statement] }, [
      { sha2: h1, contentType: 'text/plain', data: TEXT_1 },
      { sha2: h2, contentType: 'text/plain', data: TEXT_2 },
      { sha2: h1.toUpperCase(), contentType: 'text/plain', data: TEXT_1 },
    ]);
    const text = response.body.toString('latin1');
    expect(text.match(new RegExp(h1, 'g'))).toHaveLength(2);
    expect(text.match(new RegExp(h2, 'g'))).toHaveLength(2);
  });

  it('round-trips binary data through the request parser', () => {
    const parts = [
      { sha2: h1, contentType: 'text/plain', data: TEXT_1 },
      { sha2: sha256Hex(BINARY), contentType: 'application/octet-stream', data: BINARY },
    ];
    const response = buildMultipartResponse(statement, parts);
    expect(parseMultipartMixed(response.contentType, response.body)).toEqual({
      ok: true,
      statementsJson: statement,
      parts,
    });
  });

  it('keeps a line break in a stored content type from starting a header', () => {
    const response = buildMultipartResponse(
      {},
      [{ sha2: h1, contentType: 'text/plain\r\nX-Injected: 1', data: TEXT_1 }],
      'b0',
    );
    expect(response.body.toString('latin1')).toContain(
      'Content-Type: text/plain X-Injected: 1\r\n',
    );
  });
});
